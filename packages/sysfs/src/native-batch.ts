import { loadNativeAddon, nativeAddonFile, type NativeAddonSpec } from './native-addon.js';

/** The `katamon_sysfs` N-API addon (native/pread_batch.c, ring.c): many reads at offset 0 in one call. */
export interface BatchReadAddon {
  /**
   * Reads file i (descriptor `fds[i]`) at offset 0 into `buffer`: `out[2i]` is where its bytes start,
   * `out[2i+1]` their length, -errno, or -ENOBUFS when it filled the rest of the buffer. `ring`: in one
   * io_uring system call (files on cgroupfs, see ring-dirs.ts), else one pread each.
   */
  readBatch(fds: Int32Array, buffer: Buffer, out: Int32Array, ring?: boolean): void;
  /**
   * Whether batches go through io_uring (one system call per batch instead of one per file); false when
   * turned off or when the kernel refuses it. (Absent in builds older than the ring.)
   */
  useRing?(on: boolean): boolean;
  /** This platform's ENOBUFS. */
  readonly ENOBUFS: number;
  /** A non-blocking inotify instance: its descriptor, or -errno. (Absent in builds older than the watch.) */
  watchOpen?(): number;
  /** IN_MODIFY on the files of directory `dir`: the watch descriptor, or -errno. */
  watchAdd?(fd: number, dir: string): number;
  /** Reads queued `struct inotify_event` records into `buffer`: the byte count, 0 when none, or -errno. */
  watchDrain?(fd: number, buffer: Buffer): number;
  /** Removes watch `wd`: 0, or -errno. */
  watchRemove?(fd: number, wd: number): number;
}

/** The batch addon as the loader finds it (native-addon.ts): `native/` beside a build, else the package's build. */
export const BATCH_ADDON: NativeAddonSpec<BatchReadAddon> = {
  name: 'katamon_sysfs',
  sourceBuild: () => new URL('../native/build/Release/katamon_sysfs.node', import.meta.url),
  accepts: (exports): exports is BatchReadAddon =>
    typeof exports.readBatch === 'function' && typeof exports.ENOBUFS === 'number',
  fallback: 'each file is read with its own readSync (the same bytes, more CPU)',
};

/** Where the addon is looked for (the cgroup v2 VM copies it into its guest from there). */
export function batchAddonCandidates(): string[] {
  return [nativeAddonFile(BATCH_ADDON)];
}

/**
 * The addon (`npm ci` and `npm run build` compile it where a C compiler is), else undefined and readers use
 * `readSync` per file: the same bytes, more CPU. `KATAMON_NATIVE=0` turns it off; `KATAMON_IO_URING=0` keeps
 * it to one pread per file. Loaded once, synchronously, when a reader first has a plan to batch (a one-shot
 * command's single sample never loads it).
 */
export function loadBatchReadAddon(env: NodeJS.ProcessEnv = process.env): BatchReadAddon | undefined {
  const addon = loadNativeAddon(BATCH_ADDON, env);
  if (addon !== undefined && env['KATAMON_IO_URING'] === '0') addon.useRing?.(false);
  return addon;
}
