import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { findCgroupMounts, parseMountinfo, PseudoFileReader } from '@katamon/sysfs';
import { readCgroupV2StatsSync } from './read-cgroup-v2-stats.js';

// The real v2 checks run in the VM harness (tools/v2-vm); this host is hybrid, and its unified mount has no
// controller enabled for children. That is still a real v2 kernel interface: cpu.stat, the pids fallback to
// cgroup.procs, PSI files, and a removed directory.
const unified = findCgroupMounts(parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1'))).unified;
const usable = process.getuid?.() === 0 && unified !== undefined;
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
    if (existsSync(`${dir}/cpu.pressure`)) expect(stats.cpu?.psi?.some.total).toBeGreaterThanOrEqual(0n);
    // No memory controller here: runc still reports memory.pressure inside an otherwise empty section.
    if (existsSync(`${dir}/memory.pressure`)) expect(stats.memory?.usage.usage).toBe(0n);

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
