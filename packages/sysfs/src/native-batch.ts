import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const ADDON_FILE = 'katamon_sysfs.node';

/**
 * Where a build of the addon may be: the package's own `native/build` (next to src/ or dist/, which the
 * CLI and server bundles keep as their source location), the installed package's, then the per-ABI cache (`KATAMON_NATIVE_CACHE`, else
 * `$XDG_CACHE_HOME/katamon/native` or `~/.cache/katamon/native`).
 */
export function batchAddonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const own = join(dirname(fileURLToPath(import.meta.url)), '..', 'native', 'build', 'Release', ADDON_FILE);
  const home = env['XDG_CACHE_HOME'] ?? (env['HOME'] === undefined ? undefined : join(env['HOME'], '.cache'));
  const cache = env['KATAMON_NATIVE_CACHE'] ?? (home === undefined ? undefined : join(home, 'katamon', 'native'));
  return [
    own,
    ...installed(),
    ...(cache === undefined
      ? []
      : [join(cache, `${process.platform}-${process.arch}-abi${process.versions.modules}`, ADDON_FILE)]),
  ];
}

/** The installed `@katamon/sysfs` package's build, for code bundled away from the package's source. */
function installed(): string[] {
  // process.getBuiltinModule (Node ≥ 20.16): no static import of node:module for the one-shot path.
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const moduleApi = getBuiltin?.call(process, 'node:module') as typeof import('node:module') | undefined;
  if (moduleApi === undefined) return [];
  try {
    const pkg = moduleApi.createRequire(import.meta.url).resolve('@katamon/sysfs/package.json');
    return [join(dirname(pkg), 'native', 'build', 'Release', ADDON_FILE)];
  } catch {
    return []; // not installed as a package
  }
}

let loaded: { addon: BatchReadAddon | undefined } | undefined;

/**
 * The addon when it has been built (`npm run build:native -w @katamon/sysfs`, which `npm ci` runs when a C
 * compiler is there), else undefined and readers use `readSync` per file: the same bytes, more CPU.
 * `KATAMON_NATIVE=0` turns it off; `KATAMON_IO_URING=0` keeps it to one pread per file. Loaded once, synchronously, when a reader first has a plan to batch
 * (a one-shot command's single sample never loads it).
 */
export function loadBatchReadAddon(env: NodeJS.ProcessEnv = process.env): BatchReadAddon | undefined {
  if (env['KATAMON_NATIVE'] === '0') return undefined;
  if (loaded !== undefined) return loaded.addon;
  let addon: BatchReadAddon | undefined;
  for (const file of batchAddonCandidates(env)) {
    if (!existsSync(file)) continue;
    try {
      // process.dlopen: what require() of a .node file does, without a module loader to import.
      const module = { exports: {} as Partial<BatchReadAddon> };
      process.dlopen(module, file);
      const candidate = module.exports;
      if (typeof candidate.readBatch === 'function' && typeof candidate.ENOBUFS === 'number') {
        addon = candidate as BatchReadAddon;
        if (env['KATAMON_IO_URING'] === '0') addon.useRing?.(false);
        break;
      }
    } catch {
      // Built for another Node ABI or architecture: try the next one, else read without it.
    }
  }
  loaded = { addon };
  return addon;
}
