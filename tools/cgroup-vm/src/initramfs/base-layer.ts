import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GuestKernel } from '../find-kernel.js';
import { GUEST_PATHS } from '../protocol.js';
import { moduleLoadOrder, parseModulesDep } from './kernel-modules.js';
import { LayerBuilder } from './layer-builder.js';
import { sharedLibraries } from './shared-libraries.js';
import { buildVmHelper } from './vm-helper.js';

const run = promisify(execFile);

/** Part of the cache key: bump it when what the base layer holds, or where, changes. */
const LAYOUT = 'base-layer/2';

/** virtio-blk and the PCI transport it sits on are modules in the Debian cloud kernel. */
export const DISK_MODULES = ['virtio_pci', 'virtio_blk'] as const;

export interface BaseLayerInputs {
  kernel: GuestKernel;
  node: string;
  busybox: string;
  /** The host's runc, for the hybrid VM's container tests; absent when the host has none (they then fail). */
  runc?: string;
  cacheDir: string;
}

export interface BaseLayer {
  /**
   * The newc archive, uncompressed: under TCG the guest spends ≈6 s gunzipping 100 MB, far more than
   * QEMU spends loading the bigger file.
   */
  path: string;
  /** Guest paths of the disk modules, in insmod order. */
  diskModules: string[];
}

async function find(name: string): Promise<string | undefined> {
  const found = await run('sh', ['-c', `command -v ${name}`]).catch(() => undefined);
  return found?.stdout.trim() || undefined;
}

async function which(name: string, hint: string): Promise<string> {
  const path = await find(name);
  if (!path) throw new Error(`${name} not found for the cgroup VM: ${hint}`);
  return path;
}

export async function defaultBaseInputs(kernel: GuestKernel, cacheDir: string): Promise<BaseLayerInputs> {
  const busybox = await which('busybox', 'apt-get install -y busybox-static');
  // ldd fails on a static executable; succeeding means busybox would need libraries the guest lacks.
  const dynamic = await run('ldd', [busybox]).then(
    () => true,
    () => false,
  );
  if (dynamic) {
    throw new Error(
      `${busybox} is not static; the VM has only what the initramfs holds: apt-get install -y busybox-static`,
    );
  }
  const runc = await find('runc');
  return { kernel, node: process.execPath, busybox, cacheDir, ...(runc ? { runc } : {}) };
}

/** Identifies the host files a base layer is made of, so a changed node or kernel rebuilds it. */
async function cacheKey(files: readonly string[], extra: string): Promise<string> {
  const hash = createHash('sha256').update(extra);
  for (const f of files) {
    const s = await stat(f);
    hash.update(`${f}\0${s.size}\0${s.mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Busybox with its applets, node and runc with the libraries they link at the paths ldd names, the workload
 * helper and the disk modules: everything but /init and the bundle. It is the slow part (≈100 MB), so
 * it is built once per host change and kept in `cacheDir`.
 */
export async function buildBaseLayer(inputs: BaseLayerInputs): Promise<BaseLayer> {
  const { kernel, node, busybox, runc, cacheDir } = inputs;
  const libs = [...new Set([...(await sharedLibraries(node)), ...(runc ? await sharedLibraries(runc) : [])])];
  const modules = parseModulesDep(await readFile(join(kernel.modulesDir, 'modules.dep'), 'utf8'));
  const modulePaths = moduleLoadOrder(modules, DISK_MODULES);
  const diskModules = modulePaths.map(
    (p) => `/lib/modules/${p.slice(p.lastIndexOf('/') + 1).replace(/\.(xz|zst|gz)$/, '')}`,
  );
  const helper = await buildVmHelper(cacheDir);
  const hostFiles = [node, busybox, ...(runc ? [runc] : []), helper, ...libs];
  hostFiles.push(...modulePaths.map((p) => join(kernel.modulesDir, p)));
  const path = join(cacheDir, `base-${await cacheKey(hostFiles, `${LAYOUT}\0${kernel.version}`)}.cpio`);
  if (
    await stat(path).then(
      () => true,
      () => false,
    )
  )
    return { path, diskModules };

  const layer = new LayerBuilder();
  for (const d of ['proc', 'sys', 'dev', 'tmp', 'etc', 'root', 'sbin', 'usr/sbin']) layer.dir(d);
  await layer.hostFile(busybox, '/bin/busybox');
  const { stdout: applets } = await run(busybox, ['--list-full']);
  for (const applet of applets.split('\n').filter(Boolean)) {
    if (!layer.has(applet)) layer.symlink(applet, '/bin/busybox');
  }
  await layer.hostFile(node, GUEST_PATHS.node);
  if (runc) await layer.hostFile(runc, GUEST_PATHS.runc);
  for (const lib of libs) await layer.hostFile(lib);
  await layer.hostFile(helper, GUEST_PATHS.helper);
  for (const [i, p] of modulePaths.entries()) {
    layer.file(diskModules[i] ?? '', await readModule(join(kernel.modulesDir, p)));
  }
  await mkdir(cacheDir, { recursive: true });
  // Written under a unique name and renamed: parallel runs never see half an archive.
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, layer.encode());
  await rename(partial, path);
  // Layers of an older node or kernel are 100 MB each and never used again.
  for (const old of await readdir(cacheDir)) {
    if (/^base-[0-9a-f]+\.cpio$/.test(old) && join(cacheDir, old) !== path)
      await rm(join(cacheDir, old), { force: true });
  }
  return { path, diskModules };
}

/** insmod in busybox cannot read compressed modules, so they are stored decompressed. */
async function readModule(path: string): Promise<Buffer> {
  if (path.endsWith('.ko')) return readFile(path);
  const tool = path.endsWith('.xz') ? 'xz' : path.endsWith('.zst') ? 'zstd' : 'gzip';
  const { stdout } = await run(tool, ['-dc', path], { encoding: 'buffer', maxBuffer: 64 << 20 });
  return stdout;
}
