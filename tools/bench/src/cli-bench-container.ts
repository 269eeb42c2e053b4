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

/** A detached runc container for the CLI benchmarks (busybox rootfs, an idle process). */
export interface BenchContainer {
  id: string;
  root: string;
  remove(): void;
}

export function startBenchContainer(command: readonly string[]): BenchContainer {
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (busybox === undefined) throw new Error('busybox-static is not installed');
  const id = `katamon-bench-${Math.random().toString(36).slice(2, 8)}`;
  const root = mkdtempSync(join(tmpdir(), 'katamon-bench-root-'));
  const bundle = mkdtempSync(join(tmpdir(), 'katamon-bench-bundle-'));
  const rootfs = join(bundle, 'rootfs');
  for (const dir of ['bin', 'proc', 'sys', 'dev', 'tmp']) mkdirSync(join(rootfs, dir), { recursive: true });
  copyFileSync(busybox, join(rootfs, 'bin', 'busybox'));
  for (const applet of ['sh', 'sleep']) symlinkSync('busybox', join(rootfs, 'bin', applet));
  execFileSync('runc', ['spec', '--bundle', bundle]);
  const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
  spec.process.terminal = false;
  spec.process.args = [...command];
  spec.linux.cgroupsPath = `/katamon-bench/${id}`;
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
  // Detached runc hands its stdio to the container: give it /dev/null so nothing here waits on it.
  const run = spawnSync('runc', ['--root', root, 'run', '--detach', '--bundle', bundle, id], { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`runc run failed (${run.status})`);
  return {
    id,
    root,
    remove() {
      spawnSync('runc', ['--root', root, 'delete', '--force', id], { stdio: 'ignore' });
      rmSync(bundle, { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
