import { readFileSync } from 'node:fs';
import { PseudoFileReader, SysfsError, UINT64_MAX } from '@katamon/sysfs';
import { readCgroupV2Stats } from './read-cgroup-v2-stats.js';
import { FIXTURE_DIR, writeTree, FAKE_AREAS, fakeTreeReader } from './fake-tree.spec-helper.js';

const sizes = ['2MB', '1GB'];

describe('readCgroupV2Stats on a real Linux 6.1 cgroup (dd workload)', () => {
  it('maps every family as runc does', async () => {
    const reader = new PseudoFileReader({ areas: FAKE_AREAS });
    const { stats, issues } = await readCgroupV2Stats(FIXTURE_DIR, {
      reader,
      hugePageSizes: sizes,
    });
    expect(issues).toBeUndefined();
    expect(stats.cpu?.usage).toEqual({
      total: 526309000n,
      user: 23743000n,
      kernel: 502566000n,
      percpu: [],
      percpuKernel: [],
      percpuUser: [],
    });
    expect(stats.cpu?.throttling).toEqual({
      periods: 0n,
      throttledPeriods: 0n,
      throttledTime: 0n,
    });
    expect(stats.cpu?.psi?.some).toEqual({
      avg10: 0,
      avg60: 0,
      avg300: 0,
      total: 50534n,
    });
    expect(stats.cpu?.psi?.full.total).toBe(4447n);
    expect(stats.memory?.usage).toEqual({
      usage: 397312n,
      limit: UINT64_MAX,
      max: 1310720n,
      failcnt: 0n,
    });
    // swap is mem+swap: swap.current 0 + memory.current; swap.max=max keeps the limit at 2^64−1.
    expect(stats.memory?.swap).toEqual({
      usage: 397312n,
      limit: UINT64_MAX,
      max: 0n,
      failcnt: 0n,
    });
    expect(stats.memory?.kernel).toEqual({
      usage: 0n,
      limit: 0n,
      max: 0n,
      failcnt: 0n,
    });
    const statLines = readFileSync(`${FIXTURE_DIR}/memory.stat`, 'latin1').trim().split('\n');
    expect(stats.memory?.raw.size).toBe(statLines.length);
    expect(stats.memory?.raw.get('anon')).toBe(135168n);
    expect(stats.memory?.cache).toBe(stats.memory?.raw.get('file'));
    expect(stats.memory?.events).toEqual({
      low: 0n,
      high: 0n,
      max: 0n,
      oom: 0n,
      oomKill: 0n,
      oomGroupKill: 0n,
    });
    expect(stats.memory?.psi?.some.total).toBe(0n);
    expect(stats.pids).toEqual({ current: 3n, limit: 0n });
    expect(stats.blkio?.ioServiceBytesRecursive).toEqual([]);
    expect(stats.blkio?.psi).toBeDefined();
    expect([...(stats.hugetlb?.entries() ?? [])]).toEqual([
      ['2MB', { usage: 0n, max: 0n, failcnt: 0n }],
      ['1GB', { usage: 0n, max: 0n, failcnt: 0n }],
    ]);
    expect(stats.cpuset).toBeUndefined();
    reader.close();
  });

  it('skips memory.events when asked (runc schema only)', async () => {
    const { stats } = await readCgroupV2Stats(FIXTURE_DIR, {
      hugePageSizes: sizes,
      memoryEvents: false,
    });
    expect(stats.memory?.events).toBeUndefined();
  });
});

describe('partial failure and missing controllers', () => {
  it('reports a malformed family as an issue naming the file and keeps the rest', async () => {
    const tree = writeTree({
      'cpu.stat': 'usage_usec 10\nuser_usec 4\nsystem_usec 6\n',
      'memory.stat': 'anon 1\nfile max\n',
      'memory.current': '5\n',
      'memory.max': 'max\n',
      'pids.current': '1\n',
      'pids.max': '10\n',
    });
    const { stats, issues } = await readCgroupV2Stats(tree.dir, {
      hugePageSizes: [],
      reader: fakeTreeReader,
    });
    expect(stats.cpu?.usage.total).toBe(10000n);
    expect(stats.pids).toEqual({ current: 1n, limit: 10n });
    expect(stats.memory).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'cgroup-v2',
        kind: 'parse',
        path: `${tree.dir}/memory.stat`,
      }),
    ]);
    tree.cleanup();
  });

  it('treats controllers that are not enabled as absent, and counts cgroup.procs without pids', async () => {
    const tree = writeTree({
      'cpu.stat': 'usage_usec 1\n',
      'cgroup.procs': '12\n13\n14\n',
    });
    const { stats, issues } = await readCgroupV2Stats(tree.dir, {
      hugePageSizes: ['2MB'],
      reader: fakeTreeReader,
    });
    expect(issues).toBeUndefined();
    expect(stats.memory).toBeUndefined();
    expect(stats.blkio).toBeUndefined();
    expect(stats.cpu?.psi).toBeUndefined();
    expect(stats.pids).toEqual({ current: 3n, limit: 0n });
    expect(stats.hugetlb?.size).toBe(0);
    tree.cleanup();
  });

  it('throws gone when the directory no longer exists', async () => {
    const tree = writeTree({});
    tree.cleanup();
    await expect(readCgroupV2Stats(tree.dir, { reader: fakeTreeReader })).rejects.toSatisfy((e) =>
      SysfsError.isKind(e, 'gone'),
    );
  });
});
