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

/** The controllers the VM enables in the root cgroup's subtree_control. */
export const GUEST_CONTROLLERS = ['cpu', 'memory', 'io', 'pids', 'hugetlb', 'cpuset'] as const;

/** Where /init places things in the guest. */
export const GUEST_PATHS = {
  bundle: '/bundle.mjs',
  helper: '/bin/vm-helper',
  node: '/usr/bin/node',
  disk: '/dev/vda',
  /** The host's sysfs addon, where the guest bundle looks first (native/build next to its own directory). */
  addon: '/native/build/Release/katamon_sysfs.node',
} as const;
