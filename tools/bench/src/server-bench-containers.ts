import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Many idle runc containers under one state root, sharing one busybox rootfs (each has its own spec). */
export interface ContainerFleet {
  root: string;
  ids: string[];
  remove(): void;
}

export function startFleet(count: number): ContainerFleet {
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (busybox === undefined) throw new Error('busybox-static is not installed');
  const work = mkdtempSync(join(tmpdir(), 'katamon-server-bench-'));
  const root = join(work, 'state');
  const rootfs = join(work, 'rootfs');
  for (const dir of ['bin', 'proc', 'sys', 'dev', 'tmp']) mkdirSync(join(rootfs, dir), { recursive: true });
  copyFileSync(busybox, join(rootfs, 'bin', 'busybox'));
  for (const applet of ['sh', 'sleep']) symlinkSync('busybox', join(rootfs, 'bin', applet));
  execFileSync('runc', ['spec', '--bundle', work]);
  const spec = JSON.parse(readFileSync(join(work, 'config.json'), 'utf8'));
  spec.process.terminal = false;
  spec.process.args = ['sleep', '3600'];
  spec.root = { path: rootfs, readonly: true };
  const ids: string[] = [];
  const fleet: ContainerFleet = {
    root,
    ids,
    remove() {
      for (const id of ids) spawnSync('runc', ['--root', root, 'delete', '--force', id], { stdio: 'ignore' });
      rmSync(work, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; i < count; i++) {
      const id = `srvbench-${String(i).padStart(3, '0')}-${Math.random().toString(36).slice(2, 6)}`;
      const bundle = join(work, 'bundles', id);
      mkdirSync(bundle, { recursive: true });
      spec.linux.cgroupsPath = `/katamon-bench/${id}`;
      writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
      // Detached runc hands its stdio to the container: /dev/null, so nothing here waits on it.
      const run = spawnSync('runc', ['--root', root, 'run', '--detach', '--bundle', bundle, id], { stdio: 'ignore' });
      if (run.status !== 0) throw new Error(`runc run ${id} failed (${run.status})`);
      ids.push(id);
    }
  } catch (error) {
    fleet.remove();
    throw error;
  }
  return fleet;
}
