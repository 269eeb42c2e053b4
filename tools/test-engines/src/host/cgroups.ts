import { readFileSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Mount points of every cgroup hierarchy (v1 controllers, named, and the unified one). */
export function cgroupMounts(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => / - cgroup2? /.test(line))
    .map((line) => line.split(' ')[4] ?? '')
    .filter(Boolean);
}

/** Whether `relative` (e.g. `/kubepods/burstable/pod<uid>`) exists in some hierarchy. */
export function cgroupExists(relative: string): boolean {
  return cgroupMounts().some((mount) => {
    try {
      return statSync(join(mount, relative)).isDirectory();
    } catch {
      return false;
    }
  });
}

function removeTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeTree(join(dir, entry.name));
  }
  rmdirSync(dir);
}

/**
 * Removes a cgroup and its child cgroups in every hierarchy, children first (cgroupfs directories are removed
 * with rmdir, never rm -r). Returns the paths that could not be removed (still holding processes).
 */
export function removeCgroup(relative: string): string[] {
  if (!relative.startsWith('/') || relative === '/' || relative.split('/').includes('..')) {
    throw new RangeError(`refusing to remove cgroup ${JSON.stringify(relative)}`);
  }
  const left: string[] = [];
  for (const mount of cgroupMounts()) {
    const dir = join(mount, relative);
    try {
      removeTree(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') left.push(`${dir}: ${(error as Error).message}`);
    }
  }
  return left;
}
