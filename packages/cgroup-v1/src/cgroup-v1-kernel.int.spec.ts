import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PseudoFileReader, SysfsError } from '@katamon/sysfs';
import type { OomSignal } from '@katamon/core';
import { waitUntil } from '@katamon/core-testing';
import { metricsCounters } from '@katamon/test-fixtures';
import { readCgroupV1StatsSync } from './read-cgroup-v1-stats.js';
import { watchOomV1 } from './watch-oom-v1.js';
import { createKernelCgroup, v1HostAvailable, type KernelCgroup } from './kernel-cgroup.spec-helper.js';

const CONTROLLERS = ['cpu', 'cpuacct', 'memory', 'pids', 'cpuset', 'blkio'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const BUSY = `sh -c 'while :; do :; done'`;
const MiB = 1024 * 1024;

describe('cgroup v1 readings against a real kernel', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(
      !v1HostAvailable(CONTROLLERS),
      'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)',
    ).toBe(false),
  );
  let cg: KernelCgroup;
  const reader = new PseudoFileReader();
  const read = () => readCgroupV1StatsSync(cg.paths, { reader, hugePageSizes: [] });

  beforeEach(() => {
    cg = createKernelCgroup(CONTROLLERS);
  });
  afterEach(async () => {
    reader.close();
    await cg.cleanup();
  });

  it('an empty cgroup reads cleanly with zero usage', () => {
    const { stats, issues } = read();
    expect(issues).toBeUndefined();
    expect(stats.pids).toEqual({ current: 0n, limit: 0n });
    expect(stats.cpu?.usage.total).toBe(0n);
    expect(stats.memory?.usage.limit).toBe(9223372036854771712n);
    expect(stats.cpuset?.cpus.length).toBeGreaterThan(0);
    expect(stats.hugetlb?.size).toBe(0);
  });

  it('pids.current equals the processes placed there, and cpu time grows while they spin', async () => {
    await cg.spawnIn(BUSY);
    await cg.spawnIn(BUSY);
    const first = read().stats;
    expect(first.pids?.current).toBe(2n);
    // Both spin: their CPU time must grow by 50 ms (waiting up to 20 s: CI machines can be saturated).
    let second = read().stats;
    for (let i = 0; i < 200 && second.cpu!.usage.total - first.cpu!.usage.total < 50_000_000n; i++) {
      await sleep(100);
      second = read().stats;
    }
    expect(second.pids?.current).toBe(2n);
    const [a, b] = [first.cpu!.usage, second.cpu!.usage];
    expect(b.total - a.total).toBeGreaterThanOrEqual(50_000_000n);
    expect(b.percpu.reduce((x, y) => x + y, 0n)).toBeGreaterThanOrEqual(a.total);
    expect(b.percpuUser.length).toBe(b.percpu.length);
    expect(b.user + b.kernel).toBeGreaterThanOrEqual(a.user + a.kernel);
  });

  it('the metrics scope reads what a complete read reads, between two complete reads, from fewer files', async () => {
    await cg.spawnIn(BUSY);
    const before = read().stats;
    const opened = reader.openFiles;
    const metricsReader = new PseudoFileReader();
    try {
      const metrics = readCgroupV1StatsSync(cg.paths, { reader: metricsReader, hugePageSizes: [], scope: 'metrics' });
      const after = read().stats;
      expect(metrics.issues).toBeUndefined();
      // Counters: complete-before ≤ metrics ≤ complete-after, for every one the scope promises.
      const [a, m, b] = [before, metrics.stats, after].map(metricsCounters);
      expect([...m!.keys()].sort()).toEqual([...a!.keys()].sort());
      for (const [name, value] of m!) {
        expect(value, name).toBeGreaterThanOrEqual(a!.get(name)!);
        expect(value, name).toBeLessThanOrEqual(b!.get(name)!);
      }
      // Values that do not move: equal.
      expect(metrics.stats.memory?.usage.limit).toBe(after.memory?.usage.limit);
      expect(metrics.stats.memory?.swap.limit).toBe(after.memory?.swap.limit);
      expect(metrics.stats.cpu?.usage.percpu.length).toBe(after.cpu?.usage.percpu.length);
      // Sections that feed no Prometheus family are not read at all.
      expect(metrics.stats.pids).toBeUndefined();
      expect(metrics.stats.cpuset).toBeUndefined();
      expect(metricsReader.openFiles).toBeLessThan(opened / 2);
    } finally {
      metricsReader.close();
    }
  });

  it('memory usage covers a known allocation', async () => {
    const size = 64 * MiB;
    const ready = join(tmpdir(), `katamon-alloc-${process.pid}-${Date.now()}`);
    // Allocated and touched inside the cgroup (v1 does not move charges with the task by default); the
    // child writes a file once every page is touched.
    await cg.spawnIn(
      `node -e "globalThis.b = Buffer.alloc(${size}, 1); require('fs').writeFileSync('${ready}', ''); setInterval(() => {}, 1e6)"`,
    );
    await waitUntil(() => existsSync(ready) || undefined, { what: `the allocating child to write ${ready}` });
    rmSync(ready, { force: true });
    const memory = read().stats.memory!;
    expect(memory.usage.usage).toBeGreaterThanOrEqual(BigInt(size));
    expect(memory.usage.max).toBeGreaterThanOrEqual(memory.usage.usage);
    expect(memory.raw.get('total_rss')).toBeGreaterThanOrEqual(BigInt(size));
  });

  it('throttling appears under a CFS quota', async () => {
    cg.write('cpu', 'cpu.cfs_period_us', '10000');
    cg.write('cpu', 'cpu.cfs_quota_us', '2000');
    await cg.spawnIn(BUSY);
    // Throttling needs the task to exhaust its quota in a period: poll (a saturated machine may delay it).
    // The kernel counts nr_throttled when it throttles, but adds to throttled_time only when it unthrottles.
    let t = read().stats.cpu!.throttling;
    for (let i = 0; i < 200 && (t.throttledPeriods === 0n || t.throttledTime === 0n); i++) {
      await sleep(100);
      t = read().stats.cpu!.throttling;
    }
    expect(t.periods).toBeGreaterThan(0n);
    expect(t.throttledPeriods).toBeGreaterThan(0n);
    expect(t.throttledTime).toBeGreaterThan(0n);
    expect(t.throttledPeriods).toBeLessThanOrEqual(t.periods);
  });

  it('an OOM kill under a memory limit is signalled, and removal ends the watch with gone', async () => {
    cg.write('memory', 'memory.limit_in_bytes', String(8 * MiB));
    const ac = new AbortController();
    const signals: OomSignal[] = [];
    const done = (async () => {
      for await (const s of watchOomV1(cg.paths['memory']!, ac.signal, {
        pollMs: 20,
      }))
        signals.push(s);
    })();
    await cg.spawnIn(`sh -c 'x=$(head -c ${32 * MiB} /dev/zero | tr "\\0" a); sleep 100'`).catch(() => undefined);
    await waitUntil(() => signals.includes('oom') || undefined, {
      what: 'the watch to yield oom',
      describe: () => JSON.stringify(signals),
    });
    await cg.cleanup();
    await done;
    expect(signals.at(-1)).toBe('gone');
    expect(signals.filter((s) => s === 'gone')).toHaveLength(1);
  });

  it('a removed cgroup reads as gone', async () => {
    read();
    await cg.cleanup();
    expect(() => read()).toThrow(expect.objectContaining({ kind: 'gone' }));
    try {
      read();
    } catch (error) {
      expect(SysfsError.is(error)).toBe(true);
    }
  });
});
