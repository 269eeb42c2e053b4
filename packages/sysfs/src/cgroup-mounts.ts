import type { MountInfoEntry } from './mountinfo.js';

/** statfs(2) `f_type` of a cgroup v1 hierarchy (linux/magic.h CGROUP_SUPER_MAGIC). */
export const CGROUP_SUPER_MAGIC = 0x27e0eb;
/** statfs(2) `f_type` of the cgroup v2 hierarchy (linux/magic.h CGROUP2_SUPER_MAGIC). */
export const CGROUP2_SUPER_MAGIC = 0x63677270;

/** Where one cgroup hierarchy is mounted. */
export interface CgroupMount {
  mountPoint: string;
  /** The hierarchy path the mount shows (`/` on the host; a sub-path inside a cgroup namespace). */
  root: string;
}

/** The cgroup mounts of a host: v1 hierarchies keyed by controller (and `name=<x>`), plus the unified one. */
export interface CgroupMounts {
  /** Co-mounted controllers (`cpu,cpuacct`) each map to the same mount. */
  v1: Map<string, CgroupMount>;
  unified?: CgroupMount;
}

// Super options of a v1 cgroup mount that are not controller names.
const NOT_CONTROLLERS = new Set([
  'rw',
  'ro',
  'noprefix',
  'clone_children',
  'xattr',
  'none',
  'cpuset_v2_mode',
  'favordynmods',
]);

/**
 * Controllers of a v1 mount from its super options: `rw,cpu,cpuacct` → cpu, cpuacct; `rw,name=systemd` →
 * `name=systemd` (a named hierarchy without controllers).
 */
export function v1Controllers(superOptions: string): string[] {
  const out: string[] = [];
  for (const opt of superOptions.split(',')) {
    if (opt === '' || NOT_CONTROLLERS.has(opt) || opt.startsWith('release_agent=')) continue;
    out.push(opt);
  }
  return out;
}

/**
 * Finds the cgroup mounts among mountinfo entries. The first mount of a hierarchy wins (bind mounts of the
 * same hierarchy later in the table are ignored), as runc's mount lookup does.
 */
export function findCgroupMounts(entries: readonly MountInfoEntry[]): CgroupMounts {
  const v1 = new Map<string, CgroupMount>();
  let unified: CgroupMount | undefined;
  for (const e of entries) {
    if (e.fsType === 'cgroup2') {
      unified ??= { mountPoint: e.mountPoint, root: e.root };
    } else if (e.fsType === 'cgroup') {
      for (const controller of v1Controllers(e.superOptions)) {
        if (!v1.has(controller)) v1.set(controller, { mountPoint: e.mountPoint, root: e.root });
      }
    }
  }
  return unified === undefined ? { v1 } : { v1, unified };
}
