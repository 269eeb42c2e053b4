import { fc, test as propTest } from '@fast-check/vitest';
import type { Stats } from '@katamon/core';
import { PseudoFileReader, UINT64_MAX, type FileReader } from '@katamon/sysfs';
import { metricsView } from '@katamon/test-fixtures';
import { readCgroupV2StatsSync } from './read-cgroup-v2-stats.js';
import { writeTree, FAKE_AREAS } from './fake-tree.spec-helper.js';

const u64 = fc.bigInt({ min: 0n, max: UINT64_MAX });
const usec = fc.bigInt({ min: 0n, max: UINT64_MAX / 1000n });
const limit = fc.oneof(fc.constant<'max'>('max'), u64);
const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/);
const psiData = fc.record({
  avg10: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
  avg60: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
  avg300: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
  total: u64,
});

/** What a v2 directory holds, as the kernel writes it. */
const cgroupArb = fc.record({
  cpu: fc.record({
    usage: usec,
    user: usec,
    system: usec,
    periods: u64,
    throttled: u64,
    throttledUsec: usec,
  }),
  memory: fc.record({
    current: u64,
    max: limit,
    peak: fc.option(u64, { nil: undefined }),
    swap: fc.option(fc.record({ current: u64, max: limit }), {
      nil: undefined,
    }),
    stat: fc.uniqueArray(fc.tuple(key, u64), {
      selector: (t) => t[0],
      maxLength: 12,
    }),
  }),
  pids: fc.record({ current: u64, max: limit }),
  io: fc.uniqueArray(
    fc.record({
      major: fc.integer({ min: 0, max: 4095 }),
      minor: fc.integer({ min: 0, max: 1048575 }),
      r: u64,
      w: u64,
      ri: u64,
      wi: u64,
    }),
    { selector: (d) => `${d.major}:${d.minor}`, maxLength: 4 },
  ),
  psi: fc.record({ some: psiData, full: psiData }),
  hugetlb: fc.array(fc.record({ usage: u64, failcnt: u64 }), {
    minLength: 2,
    maxLength: 2,
  }),
});
type Cgroup = typeof cgroupArb extends fc.Arbitrary<infer T> ? T : never;

const fmt = (v: bigint | 'max'): string => `${v}\n`;
const psiLine = (name: string, d: Cgroup['psi']['some']): string =>
  `${name} avg10=${d.avg10.toFixed(2)} avg60=${d.avg60.toFixed(2)} avg300=${d.avg300.toFixed(2)} total=${d.total}\n`;
const asLimit = (v: bigint | 'max'): bigint => (v === 'max' ? UINT64_MAX : v);

function render(c: Cgroup): Record<string, string> {
  const psi = psiLine('some', c.psi.some) + psiLine('full', c.psi.full);
  const files: Record<string, string> = {
    'cpu.stat': `usage_usec ${c.cpu.usage}\nuser_usec ${c.cpu.user}\nsystem_usec ${c.cpu.system}\nnr_periods ${c.cpu.periods}\nnr_throttled ${c.cpu.throttled}\nthrottled_usec ${c.cpu.throttledUsec}\n`,
    'memory.stat': c.memory.stat.map(([k, v]) => `${k} ${v}\n`).join(''),
    'memory.current': fmt(c.memory.current),
    'memory.max': fmt(c.memory.max),
    'pids.current': fmt(c.pids.current),
    'pids.max': fmt(c.pids.max),
    'io.stat': c.io
      .map((d) => `${d.major}:${d.minor} rbytes=${d.r} wbytes=${d.w} rios=${d.ri} wios=${d.wi} dbytes=0 dios=0\n`)
      .join(''),
    'cpu.pressure': psi,
    'memory.pressure': psi,
    'io.pressure': psi,
  };
  if (c.memory.peak !== undefined) files['memory.peak'] = fmt(c.memory.peak);
  if (c.memory.swap !== undefined) {
    files['memory.swap.current'] = fmt(c.memory.swap.current);
    files['memory.swap.max'] = fmt(c.memory.swap.max);
  }
  c.hugetlb.forEach((h, i) => {
    const size = i === 0 ? '2MB' : '1GB';
    files[`hugetlb.${size}.current`] = fmt(h.usage);
    files[`hugetlb.${size}.events`] = `max ${h.failcnt}\n`;
  });
  return files;
}

/** The model the reference's mapping table (§3.3) prescribes for these files. */
function expected(c: Cgroup): Stats {
  const memMax = asLimit(c.memory.max);
  const swapMax = c.memory.swap === undefined ? 0n : asLimit(c.memory.swap.max);
  const psi = { some: c.psi.some, full: c.psi.full };
  const dev = (d: Cgroup['io'][number], op: string, value: bigint) => ({
    major: BigInt(d.major),
    minor: BigInt(d.minor),
    op,
    value,
  });
  const zero = { limit: 0n, usage: 0n, max: 0n, failcnt: 0n };
  const pidsMax = asLimit(c.pids.max);
  return {
    pids: {
      current: c.pids.current,
      limit: pidsMax === UINT64_MAX ? 0n : pidsMax,
    },
    memory: {
      cache: c.memory.stat.find(([k]) => k === 'file')?.[1] ?? 0n,
      usage: {
        usage: c.memory.current,
        limit: memMax,
        max: c.memory.peak ?? 0n,
        failcnt: 0n,
      },
      swap: {
        usage: (c.memory.swap?.current ?? 0n) + c.memory.current,
        limit: swapMax === UINT64_MAX ? UINT64_MAX : BigInt.asUintN(64, swapMax + memMax),
        max: 0n,
        failcnt: 0n,
      },
      kernel: zero,
      kernelTCP: zero,
      raw: new Map(c.memory.stat),
      psi,
    },
    blkio: {
      ioServiceBytesRecursive: c.io.flatMap((d) => [dev(d, 'Read', d.r), dev(d, 'Write', d.w)]),
      ioServicedRecursive: c.io.flatMap((d) => [dev(d, 'Read', d.ri), dev(d, 'Write', d.wi)]),
      ioQueueRecursive: [],
      ioServiceTimeRecursive: [],
      ioWaitTimeRecursive: [],
      ioMergedRecursive: [],
      ioTimeRecursive: [],
      sectorsRecursive: [],
      psi,
    },
    cpu: {
      usage: {
        total: c.cpu.usage * 1000n,
        user: c.cpu.user * 1000n,
        kernel: c.cpu.system * 1000n,
        percpu: [],
        percpuKernel: [],
        percpuUser: [],
      },
      throttling: {
        periods: c.cpu.periods,
        throttledPeriods: c.cpu.throttled,
        throttledTime: c.cpu.throttledUsec * 1000n,
      },
      psi,
    },
    hugetlb: new Map(
      c.hugetlb.map((h, i) => [i === 0 ? '2MB' : '1GB', { usage: h.usage, max: 0n, failcnt: h.failcnt }]),
    ),
  };
}

describe('cgroup v2 round trip', () => {
  const reader = new PseudoFileReader({ areas: FAKE_AREAS });
  afterAll(() => reader.close());

  propTest.prop([cgroupArb], { numRuns: 60 })(
    'files rendered from random values read back as the mapping table says',
    (c) => {
      const tree = writeTree(render(c));
      try {
        const { stats, issues } = readCgroupV2StatsSync(tree.dir, {
          reader,
          hugePageSizes: ['2MB', '1GB'],
          memoryEvents: false,
        });
        expect(issues).toBeUndefined();
        expect(stats).toEqual(expected(c));
      } finally {
        reader.forget(tree.dir);
        tree.cleanup();
      }
    },
  );

  propTest.prop([cgroupArb], { numRuns: 30 })(
    'the metrics scope skips the pids files and gives the same metrics view as a complete read',
    (c) => {
      const tree = writeTree(render(c));
      const read: string[] = [];
      const recorder: FileReader = {
        read: (p) => (read.push(p), reader.read(p)),
        tryRead: (p) => (read.push(p), reader.tryRead(p)),
      };
      const options = { hugePageSizes: ['2MB', '1GB'], memoryEvents: true };
      try {
        const all = readCgroupV2StatsSync(tree.dir, { ...options, reader });
        const metrics = readCgroupV2StatsSync(tree.dir, {
          ...options,
          reader: recorder,
          scope: 'metrics',
        });
        expect(metrics.issues).toEqual(all.issues);
        expect(metricsView(metrics.stats)).toEqual(metricsView(all.stats));
        expect(metrics.stats.pids).toBeUndefined();
        expect(read.filter((p) => /\/pids\.[a-z]+$/.test(p))).toEqual([]);
      } finally {
        reader.forget(tree.dir);
        tree.cleanup();
      }
    },
  );
});
