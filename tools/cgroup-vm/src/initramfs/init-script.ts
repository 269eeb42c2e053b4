import {
  EXIT_MARKER,
  GUEST_CONTROLLERS,
  GUEST_PATHS,
  GUEST_V1_CONTROLLERS,
  INIT_MARKER,
  type CgroupMode,
} from '../protocol.js';

export interface InitOptions {
  /** v2: cgroup2 on /sys/fs/cgroup with every controller delegated; hybrid: v1 controllers + an empty cgroup2. */
  mode: CgroupMode;
  /** Guest paths of kernel modules, dependencies first. */
  modules: readonly string[];
  /** Default-size huge pages to reserve (0: none). */
  hugepages: number;
  /** Block device to wait for after loading modules, if any. */
  waitForDevice?: string;
  /** The guest powers itself off after this long, in case the host that would kill QEMU died first. */
  watchdogSeconds?: number;
}

/** cgroup2 alone, its controllers enabled for children one write each (one failure does not hide the rest). */
function v2Lines(): string[] {
  return [
    'mount -t cgroup2 cgroup2 /sys/fs/cgroup',
    ...GUEST_CONTROLLERS.map(
      (c) => `echo +${c} > /sys/fs/cgroup/cgroup.subtree_control || echo "${INIT_MARKER}cannot enable ${c}"`,
    ),
    `echo "${INIT_MARKER}subtree_control $(cat /sys/fs/cgroup/cgroup.subtree_control)"`,
  ];
}

/** A systemd-style hybrid layout: tmpfs, one v1 hierarchy per controller, cgroup2 (no controllers) at unified. */
function hybridLines(): string[] {
  return [
    'mount -t tmpfs -o mode=755 cgroup /sys/fs/cgroup',
    ...GUEST_V1_CONTROLLERS.map(
      (c) =>
        `mkdir /sys/fs/cgroup/${c} && mount -t cgroup -o ${c} cgroup /sys/fs/cgroup/${c} || echo "${INIT_MARKER}cannot mount v1 ${c}"`,
    ),
    'mkdir /sys/fs/cgroup/unified && mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified',
    `echo "${INIT_MARKER}v1 $(cd /sys/fs/cgroup && for c in *; do [ -e $c/cgroup.procs ] && echo -n "$c "; done)"`,
    // runc keeps its state under /run by default and needs it to exist.
    'mkdir -p /run && mount -t tmpfs tmpfs /run',
  ];
}

/**
 * The guest's /init (busybox sh, PID 1): mount the pseudo filesystems and the cgroup hierarchy of `mode`,
 * load modules, run the bundle, report its status, power off. It never exits, since PID 1 exiting panics.
 */
export function renderInitScript(options: InitOptions): string {
  const lines = [
    '#!/bin/sh',
    'export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/tmp',
    'mount -t proc proc /proc',
    'mount -t sysfs sysfs /sys',
    'mount -t devtmpfs devtmpfs /dev',
    'mount -t tmpfs tmpfs /tmp',
    ...(options.mode === 'v2' ? v2Lines() : hybridLines()),
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
  if (options.hugepages > 0) {
    lines.push(
      `echo ${options.hugepages} > /proc/sys/vm/nr_hugepages`,
      `echo "${INIT_MARKER}hugepages $(cat /proc/sys/vm/nr_hugepages)"`,
    );
  }
  lines.push(
    // Guest seconds since boot when the script starts: what booting took, for the measurements in the README.
    `echo "${INIT_MARKER}script start $(cut -d' ' -f1 /proc/uptime)"`,
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
