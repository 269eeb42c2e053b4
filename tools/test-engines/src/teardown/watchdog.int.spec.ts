import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { cgroupExists } from '../host/cgroups.js';
import { mountsUnder } from '../host/mounts.js';
import { processAlive, processesMentioning } from '../host/processes.js';
import { missingEngineTools } from '../host/tools.js';
import { waitFor } from '../host/wait-for.js';
import { PACKAGE_DIR } from '../package-dir.js';

interface Made {
  dirs: string[];
  watchdogs: number[];
  daemons: number[];
  containers: { root: string; id: string; pid: number }[];
  cgroups: string[];
}

/** Bundled into dist/ (beside src/, so PACKAGE_DIR holds), dependencies resolved from the workspace. */
async function bundleFixture(): Promise<string> {
  const outfile = join(PACKAGE_DIR, 'dist', `crash-fixture-${process.pid}.mjs`);
  await build({
    entryPoints: [join(PACKAGE_DIR, 'src/test-fixtures/crash-fixture.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

describe('the watchdog', () => {
  it('cleans every engine up after the test process is SIGKILLed', async () => {
    expect(missingEngineTools('containerd', 'docker', 'podman', 'busybox')).toBe('');
    const fixture = await bundleFixture();
    const child = spawn(process.execPath, [fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the fixture exited ${code} before starting everything`)));
    }).finally(() => rmSync(fixture, { force: true }));
    const made = JSON.parse(line) as Made;
    for (const c of made.containers) expect(processAlive(c.pid), c.id).toBe(true);

    child.kill('SIGKILL');
    for (const pid of made.watchdogs) {
      await waitFor(`watchdog ${pid} to finish`, () => !processAlive(pid), 120_000);
    }

    for (const pid of [...made.daemons, ...made.containers.map((c) => c.pid)]) expect(processAlive(pid)).toBe(false);
    for (const c of made.containers) expect(existsSync(join(c.root, c.id)), `${c.root}/${c.id}`).toBe(false);
    for (const dir of made.dirs) {
      expect(processesMentioning(dir)).toEqual([]);
      expect(mountsUnder(dir)).toEqual([]);
      expect(existsSync(dir), dir).toBe(false);
    }
    for (const cgroup of made.cgroups) expect(cgroupExists(cgroup), cgroup).toBe(false);
  }, 180_000);
});
