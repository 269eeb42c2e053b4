import type { RunOptions } from '../engine-container.js';
import { idleWorkload } from '../workloads/workloads.js';

/**
 * `ctr run` arguments for a detached task. Output goes to a log file (`--log-uri`): with the default
 * FIFOs, ctr would leave a directory per container in /run/containerd/fifo once it has detached.
 */
export function ctrRunArgs(id: string, logUri: string, run: RunOptions): string[] {
  const args = ['run', '--detach', '--log-uri', logUri];
  for (const [k, v] of Object.entries(run.labels ?? {})) args.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(run.annotations ?? {})) args.push('--annotation', `${k}=${v}`);
  if (run.cpu) args.push('--cpu-quota', String(run.cpu.quota), '--cpu-period', String(run.cpu.period));
  if (run.memoryLimit !== undefined) args.push('--memory-limit', String(run.memoryLimit));
  args.push(run.image, id, ...(run.command ?? idleWorkload().command));
  return args;
}
