import { existsSync, readFileSync } from 'node:fs';
import { findCgroupMounts } from './cgroup-mounts.js';
import { parseMountinfo } from './mountinfo.js';

/**
 * Where the reader's kernel tests make their cgroups, on whatever hierarchy the host boots: the v1
 * hierarchies of a legacy or hybrid host, else the unified one (every current distribution). The tests are
 * about cgroupfs itself (stale descriptors, regenerated files), which both versions are.
 */
export interface CgroupfsLayout {
  version: 1 | 2;
  /** Parent directory for a test cgroup with the pids files. */
  pidsParent: string;
  /** Parent directories whose children hold memory, pids and CPU files (three v1 hierarchies, or one v2). */
  parents: string[];
  /** Two files a new, empty cgroup reads as "0\n" in the memory controller. */
  zeroFiles: [string, string];
  /** Why the host cannot run these tests, if it cannot (they then fail with it). */
  missing?: string;
}

export function cgroupfsLayout(): CgroupfsLayout {
  const root = process.getuid?.() === 0 ? undefined : 'not root';
  const v1 = ['memory', 'pids', 'cpuacct'].map((c) => `/sys/fs/cgroup/${c}`);
  if (v1.every((dir) => existsSync(`${dir}/cgroup.procs`))) {
    return {
      version: 1,
      pidsParent: '/sys/fs/cgroup/pids',
      parents: v1,
      zeroFiles: ['memory.usage_in_bytes', 'memory.failcnt'],
      ...(root ? { missing: root } : {}),
    };
  }
  const unified = findCgroupMounts(parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1'))).unified?.mountPoint;
  const enabled = unified ? readFileSync(`${unified}/cgroup.subtree_control`, 'latin1').trim().split(' ') : [];
  const lacking = ['memory', 'pids'].filter((c) => !enabled.includes(c));
  const missing =
    root ??
    (unified === undefined
      ? 'no cgroup v1 memory/pids/cpuacct hierarchy and no cgroup2 mount'
      : lacking.length > 0
        ? `${unified}/cgroup.subtree_control lacks ${lacking.join(' ')}`
        : undefined);
  return {
    version: 2,
    pidsParent: unified ?? '/sys/fs/cgroup',
    parents: [unified ?? '/sys/fs/cgroup'],
    zeroFiles: ['memory.current', 'pids.current'],
    ...(missing ? { missing } : {}),
  };
}
