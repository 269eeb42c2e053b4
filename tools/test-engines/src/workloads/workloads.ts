import type { CpuLimit, EngineContainer } from '../engine-container.js';

/** A command with the limits that make it mean something, spread into any engine's `run` options. */
export interface Workload {
  readonly command: readonly string[];
  readonly cpu?: CpuLimit;
  readonly memoryLimit?: number;
}

const MiB = 1024 * 1024;
const FOREVER = '2147483647';

/** Sleeps until stopped; TERM ends it at once (a trapped signal interrupts `wait`). */
export function idleWorkload(): Workload {
  return { command: ['sh', '-c', `trap 'exit 0' TERM INT; sleep ${FOREVER} & wait`] };
}

/** Spins on one CPU, throttled by a CFS quota (default 0.2 CPU): nr_throttled climbs every period. */
export function busyWorkload(cpus = 0.2): Workload {
  const period = 100_000;
  return { command: ['sh', '-c', 'while :; do :; done'], cpu: { quota: Math.round(cpus * period), period } };
}

/**
 * Holds `mib` MiB of anonymous memory: dd reads that much from /dev/zero into one buffer, then blocks
 * writing it into a pipe nobody reads, keeping every page resident.
 */
export function memoryWorkload(mib: number, limitMib = mib * 4): Workload {
  return {
    command: ['sh', '-c', `dd if=/dev/zero bs=${mib}M count=1 | sleep ${FOREVER}`],
    memoryLimit: limitMib * MiB,
  };
}

/**
 * Idles under a memory limit until SIGUSR1 (see triggerOom), then replaces itself with a dd whose buffer is
 * four times the limit: the kernel OOM-kills the container's init and the container exits 137.
 */
export function oomWorkload(limitMib = 32): Workload {
  const oom = `exec dd if=/dev/zero of=/dev/null bs=${limitMib * 4}M count=1`;
  return {
    command: ['sh', '-c', `trap '${oom}' USR1; while :; do sleep 1 & wait; done`],
    memoryLimit: limitMib * MiB,
  };
}

/** Asks an oomWorkload container to exceed its limit. PID 1 of a namespace gets the signal: it traps it. */
export function triggerOom(container: Pick<EngineContainer, 'pid'>): void {
  process.kill(container.pid, 'SIGUSR1');
}
