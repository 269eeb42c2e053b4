import { runCommand } from '../host/run-command.js';

const SWEEP_TIMEOUT_MS = 60_000;
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

async function run(argv: readonly string[], notes: string[]): Promise<string> {
  const result = await runCommand(argv, { timeoutMs: SWEEP_TIMEOUT_MS });
  if (result.code !== 0) notes.push(`${argv.join(' ')}: ${result.stderr.trim() || `exit ${result.code}`}`);
  return result.stdout;
}

/** Every task killed and deleted, every container deleted, in every namespace of one containerd. */
async function sweepContainerd(ctr: readonly string[], notes: string[]): Promise<void> {
  for (const namespace of lines(await run([...ctr, 'namespaces', 'ls', '-q'], notes))) {
    const ns = [...ctr, '--namespace', namespace];
    const tasks = lines(await run([...ns, 'tasks', 'ls', '-q'], notes));
    await Promise.all(tasks.map((id) => run([...ns, 'tasks', 'delete', '--force', id], notes)));
    const containers = lines(await run([...ns, 'containers', 'ls', '-q'], notes));
    if (containers.length > 0) await run([...ns, 'containers', 'delete', ...containers], notes);
  }
}

async function sweepDocker(docker: readonly string[], notes: string[]): Promise<void> {
  const ids = lines(await run([...docker, 'ps', '--all', '--quiet', '--no-trunc'], notes));
  if (ids.length > 0) await run([...docker, 'rm', '--force', '--volumes', ...ids], notes);
}

async function sweepPodman(podman: readonly string[], notes: string[]): Promise<void> {
  await run([...podman, 'rm', '--all', '--force', '--time', '0'], notes);
}

export const ENGINE_SWEEPS = {
  containerd: sweepContainerd,
  docker: sweepDocker,
  podman: sweepPodman,
} as const;
