import type { RunOptions } from '../engine-container.js';
import { idleWorkload } from '../workloads/workloads.js';

/**
 * `docker run` / `podman run` arguments: detached, no network, labels, CFS quota, memory without swap.
 * Docker 20.10 has no `--annotation` (Docker 24 added it), so asking for annotations there is an error.
 */
export function containerRunArgs(engine: 'docker' | 'podman', name: string, run: RunOptions, extra: string[] = []) {
  if (engine === 'docker' && run.annotations) throw new Error('Docker 20.10 cannot set OCI annotations');
  const args = ['run', '--detach', '--name', name, '--network', 'none', ...extra];
  for (const [k, v] of Object.entries(run.labels ?? {})) args.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(run.annotations ?? {})) args.push('--annotation', `${k}=${v}`);
  if (run.cpu) args.push('--cpu-quota', String(run.cpu.quota), '--cpu-period', String(run.cpu.period));
  if (run.memoryLimit !== undefined) {
    args.push('--memory', String(run.memoryLimit), '--memory-swap', String(run.memoryLimit));
  }
  args.push(run.image, ...(run.command ?? idleWorkload().command));
  return args;
}
