import { readFileSync } from 'node:fs';
import type { CpuLimit, EngineContainer } from '../engine-container.js';
import { waitFor } from '../host/wait-for.js';

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

const SIGUSR1 = 10;

/** Whether `pid` has a handler for `signal` (SigCgt in /proc/<pid>/status is a hex mask, bit n-1). */
function catches(pid: number, signal: number): boolean {
  const mask = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^SigCgt:\s*([0-9a-f]+)$/m)?.[1] ?? '0';
  return ((BigInt(`0x${mask}`) >> BigInt(signal - 1)) & 1n) === 1n;
}

/**
 * Asks an oomWorkload container to exceed its limit. PID 1 of a namespace only gets signals it handles, and
 * the engine reports the container started before its shell has run `trap`: wait for the handler first.
 */
export async function triggerOom(container: Pick<EngineContainer, 'pid'>): Promise<void> {
  await waitFor('the workload to trap SIGUSR1', () => catches(container.pid, SIGUSR1));
  process.kill(container.pid, 'SIGUSR1');
}
