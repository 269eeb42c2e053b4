import { isDeepStrictEqual } from 'node:util';
import type { ContainerRef } from '@katamon/core';
import { LIMIT_WRITE_CHECK_MS, PseudoFileReader } from '@katamon/sysfs';
import { waitUntil } from '@katamon/core-testing';
import { holdUptimeClock, inotifyWatchCount, type HeldClock } from '@katamon/test-fixtures';
import { createCgroupV1Source } from './cgroup-v1-source.js';
import { readCgroupV1StatsSync } from './read-cgroup-v1-stats.js';
import { isStaticV1File, isWriteOnlyV1File } from './static-files.js';
import { createKernelCgroup, v1HostAvailable, type KernelCgroup } from './kernel-cgroup.spec-helper.js';

const CONTROLLERS = ['cpu', 'cpuacct', 'memory', 'pids', 'cpuset', 'blkio'];

describe('cgroup-v1 staticRefreshMs on a real kernel', () => {
  beforeAll(() => expect(!v1HostAvailable(CONTROLLERS), 'missing prerequisite: run .ci/run').toBe(false));
  let cg: KernelCgroup;
  // The readers' clock held still and moved by hand: "before the refresh" and "after it" do not depend on how
  // fast a loaded machine runs the test.
  let clock: HeldClock;
  beforeEach(() => {
    clock = holdUptimeClock();
  });
  afterEach(async () => {
    clock.restore();
    await cg?.cleanup();
  });

  it('shows a changed limit only after the refresh, and moving counters at once', async () => {
    cg = createKernelCgroup(CONTROLLERS);
    const ref: ContainerRef = {
      id: 'c',
      runtime: 'runc',
      resolver: 't',
      status: 'running',
      cgroup: { version: 1, paths: cg.paths },
    };
    const source = createCgroupV1Source({ hugePageSizes: [], staticRefreshMs: 400 });
    const first = source.collectSync?.(ref);
    expect(first?.stats.pids).toEqual({ current: 0n, limit: 0n });
    cg.write('pids', 'pids.max', '50');
    cg.write('memory', 'memory.limit_in_bytes', String(64 * 1024 * 1024));
    // No time later: the limits are still the kept ones.
    const soon = source.collectSync?.(ref);
    expect(soon?.stats.pids?.limit).toBe(0n);
    expect(soon?.stats.memory?.usage.limit).toBe(first?.stats.memory?.usage.limit);
    await cg.spawnIn('sleep 600');
    // A counter is read every sample, whatever the refresh.
    expect(source.collectSync?.(ref).stats.pids?.current).toBe(1n);
    clock.advanceMs(450);
    const later = source.collectSync?.(ref);
    expect(later?.stats.pids).toEqual({ current: 1n, limit: 50n });
    expect(later?.stats.memory?.usage.limit).toBe(64n * 1024n * 1024n);
    await source.release?.();
  });

  // Default: writes are looked for at most every LIMIT_WRITE_CHECK_MS, so a write shows in every sample that
  // starts that long after it; limitWriteCheckMs 0 looks at every sample, so it shows at the very next one.
  it.each([
    ['by default', {}, LIMIT_WRITE_CHECK_MS + 1],
    ['with limitWriteCheckMs 0', { limitWriteCheckMs: 0 }, 0],
  ] as const)('%s keeps the limits until a write to one, then shows the written value', async (_, options, waitMs) => {
    cg = createKernelCgroup(CONTROLLERS);
    await cg.spawnIn('sleep 600');
    const ref: ContainerRef = {
      id: 'c',
      runtime: 'runc',
      resolver: 't',
      status: 'running',
      cgroup: { version: 1, paths: cg.paths },
    };
    const reader = new PseudoFileReader();
    const source = createCgroupV1Source({ hugePageSizes: [], ...options });
    const plain = () => readCgroupV1StatsSync(cg.paths, { reader, hugePageSizes: [] }).stats;
    const sample = () => source.collectSync?.(ref).stats;
    for (let i = 0; i < 3; i++) sample(); // the watch starts at the second sample; limits are kept from then on
    // The limits are kept, not re-read: this process now holds inotify watches on the memory, pids and cpuset dirs.
    expect(inotifyWatchCount()).toBeGreaterThanOrEqual(3);
    for (const [pidsMax, memory, balance] of [
      ['50', 64, '0'],
      ['77', 32, '1'],
      ['max', 48, '0'],
    ] as const) {
      cg.write('pids', 'pids.max', pidsMax);
      cg.write('memory', 'memory.limit_in_bytes', String(memory * 1024 * 1024));
      cg.write('cpuset', 'cpuset.sched_load_balance', balance);
      clock.advanceMs(waitMs);
      const got = sample();
      expect(got?.pids?.limit).toBe(pidsMax === 'max' ? 0n : BigInt(pidsMax));
      expect(got?.memory?.usage.limit).toBe(BigInt(memory) * 1024n * 1024n);
      expect(got?.cpuset?.schedLoadBalance).toBe(BigInt(balance));
      const want = plain();
      expect(got?.pids).toEqual(want.pids);
      expect(got?.memory?.usage.limit).toBe(want.memory?.usage.limit);
      expect(got?.memory?.swap.limit).toBe(want.memory?.swap.limit);
      expect(got?.cpuset).toEqual(want.cpuset);
    }
    reader.close();
    await source.release?.();
    expect(inotifyWatchCount()).toBe(0);
  });

  it('keeps the cpuset placement (which CPU hotplug changes) and every counter out of the until-written set', () => {
    for (const f of [
      'memory.limit_in_bytes',
      'pids.max',
      'cpuset.sched_load_balance',
      'cpuset.mem_exclusive',
      'hugetlb.2MB.limit_in_bytes',
    ])
      expect(isWriteOnlyV1File(`/sys/fs/cgroup/x/y/${f}`), f).toBe(true);
    for (const f of [
      'cpuset.cpus',
      'cpuset.mems',
      'cpus',
      'cpuset.memory_pressure',
      'memory.usage_in_bytes',
      'pids.current',
    ])
      expect(isWriteOnlyV1File(`/sys/fs/cgroup/x/y/${f}`), f).toBe(false);
  });

  it('classifies limits, cpuset placement and flags as static, and every counter as read each sample', () => {
    const statics = [
      'memory.limit_in_bytes',
      'memory.memsw.limit_in_bytes',
      'memory.kmem.limit_in_bytes',
      'memory.kmem.tcp.limit_in_bytes',
      'memory.use_hierarchy',
      'pids.max',
      'cpuset.cpus',
      'cpuset.mems',
      'cpuset.cpu_exclusive',
      'cpuset.sched_load_balance',
      'cpus',
      'hugetlb.2MB.limit_in_bytes',
    ];
    const counters = [
      'memory.stat',
      'memory.usage_in_bytes',
      'memory.max_usage_in_bytes',
      'memory.failcnt',
      'memory.memsw.usage_in_bytes',
      'memory.kmem.tcp.failcnt',
      'cpuset.memory_pressure',
      'pids.current',
      'cpuacct.usage',
      'cpuacct.usage_all',
      'cpu.stat',
      'blkio.throttle.io_serviced_recursive',
      'hugetlb.2MB.usage_in_bytes',
      'hugetlb.2MB.rsvd.max_usage_in_bytes',
    ];
    for (const f of statics) expect(isStaticV1File(`/sys/fs/cgroup/x/y/${f}`), f).toBe(true);
    for (const f of counters) expect(isStaticV1File(`/sys/fs/cgroup/x/y/${f}`), f).toBe(false);
  });

  it('parses only the files whose bytes changed, and reads the same as a reader that parses everything', async () => {
    cg = createKernelCgroup(CONTROLLERS);
    await cg.spawnIn('sleep 600');
    const memo = new PseudoFileReader({ batchAddon: null });
    const plain = { read: (p: string) => memo.read(p), tryRead: (p: string) => memo.tryRead(p) };
    const read = (reader: Parameters<typeof readCgroupV1StatsSync>[1]) => readCgroupV1StatsSync(cg.paths, reader);
    const first = read({ reader: memo, hugePageSizes: [] });
    // Compared between two complete reads that agree: until the new process has settled (exec, page-ins)
    // and whenever the kernel touches a counter of an idle cgroup, values move between two reads.
    const agreeing = () =>
      waitUntil(
        () => {
          const before = read({ reader: plain, hugePageSizes: [] }).stats;
          const kept = read({ reader: memo, hugePageSizes: [] });
          const after = read({ reader: plain, hugePageSizes: [] }).stats;
          return isDeepStrictEqual(before, after) ? { kept, plain: after } : undefined;
        },
        { what: 'two complete reads of the idle cgroup that agree', intervalMs: 100 },
      );
    const second = await agreeing();
    // An idle cgroup: nearly every file is byte-identical, so nearly nothing is parsed again.
    expect(memo.counters.unchanged).toBeGreaterThanOrEqual(25);
    expect(second.kept.stats).toEqual(second.plain);
    expect(second.kept.stats.cpuset?.cpus).toBe(first.stats.cpuset?.cpus);
    cg.write('pids', 'pids.max', '77');
    cg.write('memory', 'memory.limit_in_bytes', String(32 * 1024 * 1024));
    const third = await agreeing();
    expect(third.kept.stats.pids).toEqual({ current: 1n, limit: 77n });
    expect(third.kept.stats.memory?.usage.limit).toBe(32n * 1024n * 1024n);
    expect(third.kept.stats).toEqual(third.plain);
    memo.close();
  });
});
