import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfProcess } from '../state-root.fixture.js';

/**
 * State trees the real engines wrote on a Debian 12 host, trimmed (packages/runtime-runc/fixtures/README.md):
 * containerd 1.6 (`ctr run` with the CRI's annotations, and with nerdctl's), Docker 20.10, Podman 4.3.
 */
export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export const DOCKER_ID = '3e8d9087e764fbf9781980a6d1e0fbf08a9367cf6d9dc929b8c4c1f8b989e460';
export const PODMAN_ID = 'ff57a7db9029d7452bc3b07dc181368256bbcd7f51a67a81c0342f067abc3ebb';

export interface FixtureTree {
  dir: string;
  cleanup(): Promise<void>;
}

async function stateFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await stateFiles(path)));
    else if (entry.name === 'state.json') out.push(path);
  }
  return out;
}

/**
 * A writable copy of one engine's fixture tree, with every container's init process made this test process
 * (so runc's status rules say running) and its cgroup paths dropped (they named the host's cgroups).
 */
export async function fixtureTree(engine: 'containerd' | 'docker' | 'podman'): Promise<FixtureTree> {
  const dir = await mkdtemp(join(tmpdir(), `katamon-${engine}-`));
  await cp(join(FIXTURES, engine), dir, { recursive: true });
  const self = await selfProcess();
  for (const file of await stateFiles(dir)) {
    const state = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    state['init_process_pid'] = self.pid;
    state['init_process_start'] = self.startTime;
    state['cgroup_paths'] = {};
    state['namespace_paths'] = {};
    await writeFile(file, JSON.stringify(state));
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function isDir(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}
