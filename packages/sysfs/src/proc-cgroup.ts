import { forEachLine } from './text-lines.js';
import { SysfsError } from './sysfs-error.js';
import type { CgroupMount, CgroupMounts } from './cgroup-mounts.js';

/** One line of /proc/<pid>/cgroup: `hierarchy-id:controllers:path`. */
export interface ProcCgroupEntry {
  hierarchyId: number;
  /** Empty for the unified hierarchy (`0::/path`). */
  controllers: string[];
  path: string;
}

export function parseProcCgroup(text: string, path = '/proc/self/cgroup'): ProcCgroupEntry[] {
  const out: ProcCgroupEntry[] = [];
  forEachLine(text, (line) => {
    if (line === '') return;
    const a = line.indexOf(':');
    const b = a < 0 ? -1 : line.indexOf(':', a + 1);
    const id = Number(line.slice(0, a));
    if (a <= 0 || b < 0 || !Number.isInteger(id)) {
      throw SysfsError.parse(path, 'a malformed line');
    }
    const list = line.slice(a + 1, b);
    // The path may itself contain ':', so everything after the second colon is the path.
    out.push({
      hierarchyId: id,
      controllers: list === '' ? [] : list.split(','),
      path: line.slice(b + 1),
    });
  });
  return out;
}

function joinMount(mount: CgroupMount, cgroupPath: string): string {
  // Inside a cgroup namespace the mount root is a prefix of the process's path; strip it.
  let rel = cgroupPath;
  if (mount.root !== '/' && (rel === mount.root || rel.startsWith(`${mount.root}/`)))
    rel = rel.slice(mount.root.length);
  const base = mount.mountPoint.endsWith('/') ? mount.mountPoint.slice(0, -1) : mount.mountPoint;
  return rel === '' || rel === '/' ? base : `${base}${rel.startsWith('/') ? rel : `/${rel}`}`;
}

/** Absolute v1 directories per controller, from a process's cgroup lines and the host's mounts. */
export function resolveV1Paths(entries: readonly ProcCgroupEntry[], mounts: CgroupMounts): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const e of entries) {
    for (const controller of e.controllers) {
      const mount = mounts.v1.get(controller);
      if (mount !== undefined) paths[controller] = joinMount(mount, e.path);
    }
  }
  return paths;
}

/** The absolute unified-hierarchy directory of a process, if the host mounts cgroup2. */
export function resolveUnifiedPath(entries: readonly ProcCgroupEntry[], mounts: CgroupMounts): string | undefined {
  const e = entries.find((x) => x.hierarchyId === 0 && x.controllers.length === 0);
  if (e === undefined || mounts.unified === undefined) return undefined;
  return joinMount(mounts.unified, e.path);
}
