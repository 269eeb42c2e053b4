import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface GuestKernel {
  /** The bzImage QEMU boots. */
  image: string;
  version: string;
  /** /lib/modules/<version>. */
  modulesDir: string;
}

const INSTALL_HINT = 'install it with `apt-get install -y linux-image-cloud-amd64`';

/** Compares "6.1.0-57-cloud-amd64" style versions numerically, part by part. */
function byVersion(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? 0, pb[i] ?? 0];
    if (x === y) continue;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  }
  return 0;
}

/**
 * The newest Debian cloud kernel in /boot (it boots fastest under TCG and has cgroup v2, PSI, hugetlb),
 * or KATAMON_VM_KERNEL (a vmlinuz-<version> path). Fails with the apt command when none is installed.
 */
export async function findKernel(env: NodeJS.ProcessEnv = process.env, bootDir = '/boot'): Promise<GuestKernel> {
  let image = env['KATAMON_VM_KERNEL'];
  if (!image) {
    const names = await readdir(bootDir).catch(() => [] as string[]);
    const cloud = names.filter((n) => /^vmlinuz-.*cloud/.test(n)).map((n) => n.slice('vmlinuz-'.length));
    const newest = cloud.sort(byVersion).at(-1);
    if (!newest)
      throw new Error(`no Debian cloud kernel (${bootDir}/vmlinuz-*cloud*) for the cgroup VM: ${INSTALL_HINT}`);
    image = join(bootDir, `vmlinuz-${newest}`);
  }
  const version = image.slice(image.lastIndexOf('vmlinuz-') + 'vmlinuz-'.length);
  const modulesDir = join('/lib/modules', version);
  for (const path of [image, join(modulesDir, 'modules.dep')]) {
    await access(path).catch(() => {
      throw new Error(`${path} is missing or unreadable for the cgroup VM: ${INSTALL_HINT}`);
    });
  }
  return { image, version, modulesDir };
}
