import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { bundleGuestScript, type GuestEntry } from './bundle-guest-script.js';
import { findKernel } from './find-kernel.js';
import { buildBaseLayer, defaultBaseInputs, type BaseLayer } from './initramfs/base-layer.js';
import { renderInitScript } from './initramfs/init-script.js';
import { LayerBuilder } from './initramfs/layer-builder.js';
import { parseGuestOutput } from './parse-guest-output.js';
import { GUEST_PATHS, type CgroupMode } from './protocol.js';
import { runQemu } from './run-qemu.js';
import { batchAddonCandidates } from '@katamon/sysfs';

const gzipAsync = promisify(gzip);

export interface CgroupVmOptions {
  /** v2: a pure cgroup v2 hierarchy, controllers delegated; hybrid: v1 controllers plus an empty cgroup2. */
  mode: CgroupMode;
  /** The guest entry: a TypeScript (or JavaScript) file or generated module, bundled with its imports. */
  script: GuestEntry;
  /** Module swaps for the bundle (specifier → file). */
  alias?: Record<string, string>;
  /** Kill QEMU after this long, boot included. */
  timeoutMs: number;
  memoryMb: number;
  /** Attach a blank raw virtio disk as /dev/vda (the guest writes to it raw, no filesystem). */
  disk?: boolean;
  diskMb?: number;
  /** Default-size (2 MiB) huge pages reserved before the script starts. */
  hugepages?: number;
  /**
   * The guest powers itself off this long after /init starts, even if the host that should kill QEMU
   * is gone; default timeoutMs + 30 s, so the host's kill normally comes first.
   */
  guestWatchdogSeconds?: number;
  /** Where the slow base layer is cached; default `$TMPDIR/katamon-cgroup-vm`. */
  cacheDir?: string;
}

export interface CgroupVmRun {
  /** The guest script's exit status; null if it never finished (timeout, crash). */
  exitCode: number | null;
  /** The whole serial console, then QEMU's stderr: what to print when something fails. */
  output: string;
  /** The JSON objects the script reported with the result marker. */
  results: unknown[];
  /** /init's setup report (controllers enabled, hugepages reserved, failures). */
  init: string[];
  malformed: string[];
  timedOut: boolean;
  /** Host time spent in QEMU (boot + script + power-off); informative only. */
  qemuMs: number;
}

const baseLayers = new Map<string, Promise<BaseLayer>>();

/** One base layer per cache dir per process, shared by every run (and by concurrent callers). */
function baseLayer(cacheDir: string): Promise<BaseLayer> {
  let layer = baseLayers.get(cacheDir);
  if (!layer) {
    layer = findKernel().then(async (kernel) => buildBaseLayer(await defaultBaseInputs(kernel, cacheDir)));
    layer.catch(() => baseLayers.delete(cacheDir));
    baseLayers.set(cacheDir, layer);
  }
  return layer;
}

/**
 * Boots the Debian cloud kernel under QEMU TCG with the cgroup hierarchy of `mode`, runs `script` with node
 * as the guest's only workload and returns what it reported. The initramfs is the cached base layer
 * followed by a small layer with /init and the bundle; the kernel unpacks concatenated archives in order.
 */
export async function runInCgroupVm(options: CgroupVmOptions): Promise<CgroupVmRun> {
  const cacheDir = options.cacheDir ?? join(tmpdir(), 'katamon-cgroup-vm');
  const [kernel, base, bundle] = await Promise.all([
    findKernel(),
    baseLayer(cacheDir),
    bundleGuestScript(options.script, options.alias),
  ]);
  const init = renderInitScript({
    mode: options.mode,
    modules: options.disk ? base.diskModules : [],
    hugepages: options.hugepages ?? 0,
    watchdogSeconds: options.guestWatchdogSeconds ?? options.timeoutMs / 1000 + 30,
    ...(options.disk ? { waitForDevice: GUEST_PATHS.disk } : {}),
  });
  const top = new LayerBuilder().file('/init', Buffer.from(init), 0o755).file(GUEST_PATHS.bundle, Buffer.from(bundle));
  // The host's build of the sysfs addon (same node, same libc): the guest's readers batch and watch as on a host.
  const addon = batchAddonCandidates().find((file) => existsSync(file));
  if (addon !== undefined) top.file(GUEST_PATHS.addon, await readFile(addon), 0o755);
  const work = await mkdtemp(join(tmpdir(), 'katamon-vm-'));
  try {
    const initrd = join(work, 'initrd.cpio.gz');
    await writeFile(initrd, Buffer.concat([await readFile(base.path), await gzipAsync(Buffer.concat(top.encode()))]));
    const args = [
      ...['-accel', 'tcg', '-cpu', 'max', '-smp', '2', '-m', String(options.memoryMb)],
      ...['-nographic', '-no-reboot', '-nic', 'none'],
      ...['-kernel', kernel.image, '-initrd', initrd, '-append', 'console=ttyS0 quiet panic=-1'],
    ];
    if (options.disk) {
      const disk = join(work, 'disk.raw');
      await writeFile(disk, '');
      await truncate(disk, (options.diskMb ?? 64) << 20);
      args.push('-drive', `file=${disk},if=virtio,format=raw`);
    }
    const started = performance.now();
    const qemu = await runQemu(process.env['KATAMON_QEMU'] ?? 'qemu-system-x86_64', args, options.timeoutMs);
    const qemuMs = performance.now() - started;
    const parsed = parseGuestOutput(qemu.console);
    const output = qemu.stderr ? `${qemu.console}\n--- qemu stderr ---\n${qemu.stderr}` : qemu.console;
    return { ...parsed, output, timedOut: qemu.timedOut, qemuMs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
