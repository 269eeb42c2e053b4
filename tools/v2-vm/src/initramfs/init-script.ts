import { EXIT_MARKER, GUEST_CONTROLLERS, GUEST_PATHS, INIT_MARKER } from '../protocol.js';

export interface InitOptions {
  /** Guest paths of kernel modules, dependencies first. */
  modules: readonly string[];
  /** Default-size huge pages to reserve (0: none). */
  hugepages: number;
  /** Block device to wait for after loading modules, if any. */
  waitForDevice?: string;
  /** The guest powers itself off after this long, in case the host that would kill QEMU died first. */
  watchdogSeconds?: number;
}

/**
 * The guest's /init (busybox sh, PID 1): mount the pseudo filesystems and cgroup2, load modules, enable
 * the controllers, run the bundle, report its status, power off. It never exits, since PID 1 exiting panics.
 */
export function renderInitScript(options: InitOptions): string {
  const lines = [
    '#!/bin/sh',
    'export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/tmp',
    'mount -t proc proc /proc',
    'mount -t sysfs sysfs /sys',
    'mount -t devtmpfs devtmpfs /dev',
    'mount -t tmpfs tmpfs /tmp',
    'mount -t cgroup2 cgroup2 /sys/fs/cgroup',
    // Keep kernel messages (an OOM kill logs pages of them) off the console the results travel on.
    'echo 1 > /proc/sys/kernel/printk',
    ...(options.watchdogSeconds
      ? [`(sleep ${Math.ceil(options.watchdogSeconds)}; echo "${INIT_MARKER}watchdog: powering off"; poweroff -f) &`]
      : []),
    ...options.modules.map((m) => `insmod ${m} || echo "${INIT_MARKER}insmod failed: ${m}"`),
  ];
  if (options.waitForDevice) {
    const dev = options.waitForDevice;
    lines.push(
      `n=0; while [ ! -b ${dev} ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done`,
      `[ -b ${dev} ] || echo "${INIT_MARKER}no ${dev}"`,
    );
  }
  // One write per controller, so one missing controller does not hide the others.
  for (const c of GUEST_CONTROLLERS) {
    lines.push(`echo +${c} > /sys/fs/cgroup/cgroup.subtree_control || echo "${INIT_MARKER}cannot enable ${c}"`);
  }
  if (options.hugepages > 0) {
    lines.push(
      `echo ${options.hugepages} > /proc/sys/vm/nr_hugepages`,
      `echo "${INIT_MARKER}hugepages $(cat /proc/sys/vm/nr_hugepages)"`,
    );
  }
  lines.push(
    `echo "${INIT_MARKER}subtree_control $(cat /sys/fs/cgroup/cgroup.subtree_control)"`,
    `${GUEST_PATHS.node} ${GUEST_PATHS.bundle}`,
    `echo "${EXIT_MARKER}$?"`,
    'sync',
    'poweroff -f',
    // Only reached if poweroff failed; sleeping keeps PID 1 alive until the host's timeout.
    'while :; do sleep 60; done',
    '',
  );
  return lines.join('\n');
}
