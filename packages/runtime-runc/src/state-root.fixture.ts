import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProcStat } from './proc-stat.js';

/** A real, live (pid, start time) pair: this test process. */
export async function selfProcess(): Promise<{ pid: number; startTime: number }> {
  const stat = parseProcStat(await readFile('/proc/self/stat', 'latin1'));
  if (!stat) throw new Error('cannot parse /proc/self/stat');
  return { pid: process.pid, startTime: Number(stat.startTime) };
}

export interface StateSpec {
  pid?: number;
  startTime?: number;
  cgroupPaths?: Record<string, string>;
  netns?: string;
  bundle?: string;
}

/** A state.json with the shape runc 1.1 writes (trimmed to the fields katamon reads plus some noise). */
export function runcStateJson(id: string, spec: StateSpec): string {
  return JSON.stringify({
    id,
    init_process_pid: spec.pid ?? 0,
    init_process_start: spec.startTime ?? 0,
    created: '2026-11-29T21:27:32.718018227Z',
    config: {
      rootfs: '/tmp/b/rootfs',
      labels: [`bundle=${spec.bundle ?? '/tmp/b'}`],
      namespaces: [{ type: 'NEWNET', path: '' }],
    },
    rootless: false,
    cgroup_paths: spec.cgroupPaths ?? {},
    namespace_paths: spec.netns ? { NEWNET: spec.netns, NEWPID: '/proc/1/ns/pid' } : {},
    external_descriptors: ['/dev/null'],
    intel_rdt_path: '',
  });
}

export interface TempRoot {
  path: string;
  add(id: string, spec: StateSpec): Promise<string>;
  cleanup(): Promise<void>;
}

export async function tempRoot(prefix = 'katamon-runc-'): Promise<TempRoot> {
  const base = await mkdtemp(join(tmpdir(), prefix));
  const path = join(base, 'root');
  await mkdir(path);
  return {
    path,
    async add(id, spec) {
      const dir = join(path, id);
      await mkdir(dir);
      await writeFile(join(dir, 'state.json'), runcStateJson(id, spec));
      return dir;
    },
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}
