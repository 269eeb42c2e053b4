import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { findCgroupMounts, parseMountinfo, PseudoFileReader } from '@katamon/sysfs';
import { readCgroupV2StatsSync } from './read-cgroup-v2-stats.js';

// The host's own unified mount: on a hybrid host it delegates no controller to children, on a v2-only host
// (every current distribution) it delegates what systemd enabled. Either way a real v2 kernel interface:
// cpu.stat, pids (or the fallback to cgroup.procs), PSI files, memory where delegated, a removed directory.
// The checks that need every controller, a disk and huge pages run in the v2 VM (tools/cgroup-vm).
const unified = findCgroupMounts(parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1'))).unified;
const usable = process.getuid?.() === 0 && unified !== undefined;
const delegated = unified
  ? readFileSync(`${unified.mountPoint}/cgroup.subtree_control`, 'latin1').trim().split(' ')
  : [];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('cgroup v2 on this host’s unified mount', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!usable, 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(false),
  );
  const dir = `${unified?.mountPoint}/katamon-test-${process.pid}`;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child?.once('exit', r));
    }
    for (let i = 0; i < 100 && existsSync(dir); i++) {
      try {
        rmdirSync(dir);
      } catch {
        await sleep(20);
      }
    }
  });

  it('reads cpu time, counts processes without the pids controller, and reports a removed cgroup as gone', async () => {
    mkdirSync(dir);
    const reader = new PseudoFileReader();
    const empty = readCgroupV2StatsSync(dir, { reader, hugePageSizes: [] });
    expect(empty.issues).toBeUndefined();
    expect(empty.stats.pids).toEqual({ current: 0n, limit: 0n });

    child = spawn('sh', ['-c', `echo $$ > ${dir}/cgroup.procs && exec sh -c 'while :; do :; done'`], {
      stdio: 'ignore',
    });
    let stats = readCgroupV2StatsSync(dir, { reader, hugePageSizes: [] }).stats;
    for (let i = 0; i < 200 && (stats.pids?.current !== 1n || stats.cpu!.usage.total < 20_000_000n); i++) {
      await sleep(50);
      stats = readCgroupV2StatsSync(dir, { reader, hugePageSizes: [] }).stats;
    }
    expect(stats.pids).toEqual({ current: 1n, limit: 0n });
    expect(stats.cpu!.usage.total).toBeGreaterThanOrEqual(20_000_000n);
    expect(stats.cpu!.usage.user + stats.cpu!.usage.kernel).toBeGreaterThan(0n);
    // PSI exactly where the kernel has it (CONFIG_PSI, not psi=0).
    expect(stats.cpu?.psi !== undefined, 'cpu PSI read iff cpu.pressure exists').toBe(
      existsSync(`${dir}/cpu.pressure`),
    );
    if (delegated.includes('memory')) {
      // The spinning shell's pages are charged here.
      expect(stats.memory?.usage.usage).toBeGreaterThan(0n);
    } else {
      // No memory controller: runc still reports memory.pressure inside an otherwise empty section.
      expect(stats.memory?.usage.usage ?? 0n).toBe(0n);
      expect(stats.memory !== undefined, 'memory section iff memory.pressure exists').toBe(
        existsSync(`${dir}/memory.pressure`),
      );
    }

    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    for (let i = 0; i < 100 && existsSync(dir); i++) {
      try {
        rmdirSync(dir);
      } catch {
        await sleep(20);
      }
    }
    expect(() => readCgroupV2StatsSync(dir, { reader, hugePageSizes: [] })).toThrow(
      expect.objectContaining({ kind: 'gone' }),
    );
    reader.close();
  });
});
