/**
 * The line protocol between guest and host over the serial console. Kernel messages share the console,
 * so every line meant for the host starts with a marker and the host ignores everything else.
 */

/** Followed by one JSON object: a result the guest script reports. */
export const RESULT_MARKER = '@@katamon ';
/** Followed by the exit status of the guest script, printed by /init. */
export const EXIT_MARKER = '@@katamon-exit ';
/** Followed by one line of what /init set up or failed to (controllers, hugepages, modules). */
export const INIT_MARKER = '@@katamon-init ';

/** What one guest check reports. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** The hierarchy /init mounts: cgroup v2 alone, or v1 controllers with an empty cgroup2 beside them. */
export type CgroupMode = 'v2' | 'hybrid';

/** The controllers the v2 VM enables in the root cgroup's subtree_control. */
export const GUEST_CONTROLLERS = ['cpu', 'memory', 'io', 'pids', 'hugetlb', 'cpuset'] as const;

/**
 * The v1 hierarchies the hybrid VM mounts, one controller each at /sys/fs/cgroup/<name> as on a systemd
 * hybrid host (cpu and cpuacct apart, as the CI hosts mount them), plus cgroup2 at /sys/fs/cgroup/unified.
 */
export const GUEST_V1_CONTROLLERS = [
  'cpu',
  'cpuacct',
  'cpuset',
  'memory',
  'devices',
  'freezer',
  'blkio',
  'pids',
  'hugetlb',
] as const;

/** Where /init places things in the guest. */
export const GUEST_PATHS = {
  bundle: '/bundle.mjs',
  helper: '/bin/vm-helper',
  node: '/usr/bin/node',
  /** The host's runc with its libraries, when the host has one (the hybrid VM's container runtime). */
  runc: '/usr/sbin/runc',
  disk: '/dev/vda',
  /** The host's sysfs addon, where the guest bundle looks first (native/build next to its own directory). */
  addon: '/native/build/Release/katamon_sysfs.node',
} as const;
