import { fc, test as propTest } from '@fast-check/vitest';
import { zeroBlkio, type BlkioEntry, type MemoryEntry, type Stats } from '@katamon/core';
import { PseudoFileReader, UINT64_MAX, type FileReader } from '@katamon/sysfs';
import { metricsView } from '@katamon/test-fixtures';
import { readCgroupV1StatsSync } from './read-cgroup-v1-stats.js';
import { FAKE_AREAS, writeTree } from './fake-tree.spec-helper.js';

const u64 = fc.bigInt({ min: 0n, max: UINT64_MAX });
const ticks = fc.bigInt({ min: 0n, max: UINT64_MAX / 1_000_000_000n });
const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/);
const entryArb = fc.record({ usage: u64, max: u64, failcnt: u64, limit: u64 });
const cpuIds = fc
  .uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 })
  .map((a) => a.sort((x, y) => x - y));
const blkioArb = fc.array(
  fc.record({
    major: fc.integer({ min: 0, max: 4095 }),
    minor: fc.integer({ min: 0, max: 255 }),
    op: fc.constantFrom('Read', 'Write', 'Sync', 'Async', 'Discard', 'Total'),
    value: u64,
  }),
  { minLength: 1, maxLength: 6 },
);

const cgroupArb = fc.record({
  user: ticks,
  system: ticks,
  total: u64,
  percpu: fc.array(fc.tuple(u64, u64, u64), { minLength: 1, maxLength: 4 }),
  throttling: fc.tuple(u64, u64, u64),
  stat: fc.uniqueArray(fc.tuple(key, u64), {
    selector: (t) => t[0],
    maxLength: 10,
  }),
  usage: entryArb,
  memsw: fc.option(entryArb, { nil: undefined }),
  kmem: fc.option(fc.record({ entry: entryArb, hasLimit: fc.boolean() }), {
    nil: undefined,
  }),
  pids: fc.tuple(u64, fc.oneof(fc.constant<'max'>('max'), u64)),
  blkio: blkioArb,
  hugetlb: fc.tuple(u64, u64, u64),
  cpus: cpuIds,
  mems: cpuIds,
  flags: fc.array(fc.bigInt({ min: 0n, max: 1n }), {
    minLength: 8,
    maxLength: 8,
  }),
  relax: fc.bigInt({ min: -1n, max: 5n }),
});
type Cgroup = typeof cgroupArb extends fc.Arbitrary<infer T> ? T : never;

const FLAG_FILES = [
  'cpu_exclusive',
  'mem_hardwall',
  'mem_exclusive',
  'memory_migrate',
  'memory_spread_page',
  'memory_spread_slab',
  'memory_pressure',
  'sched_load_balance',
];
const FLAG_KEYS = [
  'cpuExclusive',
  'memHardwall',
  'memExclusive',
  'memoryMigrate',
  'memorySpreadPage',
  'memorySpreadSlab',
  'memoryPressure',
  'schedLoadBalance',
] as const;

/** Compresses ids into list syntax with ranges, as the kernel prints them. */
function listSyntax(ids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    parts.push(i === j ? `${ids[i]}` : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function render(c: Cgroup): Record<string, string> {
  const entry = (prefix: string, e: { usage: bigint; max: bigint; failcnt: bigint; limit: bigint }, limit = true) => ({
    [`memory/${prefix}usage_in_bytes`]: `${e.usage}\n`,
    [`memory/${prefix}max_usage_in_bytes`]: `${e.max}\n`,
    [`memory/${prefix}failcnt`]: `${e.failcnt}\n`,
    ...(limit ? { [`memory/${prefix}limit_in_bytes`]: `${e.limit}\n` } : {}),
  });
  const files: Record<string, string> = {
    'cpuacct/cpuacct.stat': `user ${c.user}\nsystem ${c.system}\n`,
    'cpuacct/cpuacct.usage': `${c.total}\n`,
    'cpuacct/cpuacct.usage_percpu': `${c.percpu.map((p) => p[0]).join(' ')} \n`,
    'cpuacct/cpuacct.usage_all': `cpu user system\n${c.percpu.map((p, i) => `${i} ${p[1]} ${p[2]}\n`).join('')}`,
    'cpu/cpu.stat': `nr_periods ${c.throttling[0]}\nnr_throttled ${c.throttling[1]}\nthrottled_time ${c.throttling[2]}\nnr_bursts 0\nburst_time 0\n`,
    'memory/memory.stat': c.stat.map(([k, v]) => `${k} ${v}\n`).join(''),
    'memory/memory.use_hierarchy': '1\n',
    ...entry('memory.', c.usage),
    ...(c.memsw ? entry('memory.memsw.', c.memsw) : {}),
    ...(c.kmem ? entry('memory.kmem.', c.kmem.entry, c.kmem.hasLimit) : {}),
    'pids/pids.current': `${c.pids[0]}\n`,
    'pids/pids.max': `${c.pids[1]}\n`,
    'blkio/blkio.throttle.io_serviced': `${c.blkio.map((b) => `${b.major}:${b.minor} ${b.op} ${b.value}\n`).join('')}Total 0\n`,
    'blkio/blkio.throttle.io_service_bytes': 'Total 0\n',
    'hugetlb/hugetlb.2MB.usage_in_bytes': `${c.hugetlb[0]}\n`,
    'hugetlb/hugetlb.2MB.max_usage_in_bytes': `${c.hugetlb[1]}\n`,
    'hugetlb/hugetlb.2MB.failcnt': `${c.hugetlb[2]}\n`,
    'cpuset/cpuset.cpus': `${listSyntax(c.cpus)}\n`,
    'cpuset/cpuset.mems': `${listSyntax(c.mems)}\n`,
    'cpuset/cpuset.sched_relax_domain_level': `${c.relax}\n`,
  };
  FLAG_FILES.forEach((f, i) => (files[`cpuset/cpuset.${f}`] = `${c.flags[i]}\n`));
  return files;
}

function expected(c: Cgroup): Stats {
  const zero: MemoryEntry = { usage: 0n, max: 0n, failcnt: 0n, limit: 0n };
  const toNs = (t: bigint): bigint => (t * 1_000_000_000n) / 100n;
  const blkio = zeroBlkio();
  blkio.ioServicedRecursive = c.blkio.map(
    (b): BlkioEntry => ({
      major: BigInt(b.major),
      minor: BigInt(b.minor),
      op: b.op,
      value: b.value,
    }),
  );
  const cpuset = {
    cpus: c.cpus,
    mems: c.mems,
    schedRelaxDomainLevel: c.relax,
    ...Object.fromEntries(FLAG_KEYS.map((k, i) => [k, c.flags[i]!])),
  } as NonNullable<Stats['cpuset']>;
  return {
    hugetlb: new Map([['2MB', { usage: c.hugetlb[0], max: c.hugetlb[1], failcnt: c.hugetlb[2] }]]),
    cpuset,
    memory: {
      cache: c.stat.find(([k]) => k === 'cache')?.[1] ?? 0n,
      usage: c.usage,
      swap: c.memsw ?? zero,
      kernel: c.kmem ? { ...c.kmem.entry, limit: c.kmem.hasLimit ? c.kmem.entry.limit : 0n } : zero,
      kernelTCP: zero,
      raw: new Map(c.stat),
      useHierarchy: true,
    },
    cpu: {
      usage: {
        total: c.total,
        percpu: c.percpu.map((p) => p[0]),
        percpuUser: c.percpu.map((p) => p[1]),
        percpuKernel: c.percpu.map((p) => p[2]),
        user: toNs(c.user),
        kernel: toNs(c.system),
      },
      throttling: {
        periods: c.throttling[0],
        throttledPeriods: c.throttling[1],
        throttledTime: c.throttling[2],
      },
    },
    pids: {
      current: c.pids[0],
      limit: c.pids[1] === 'max' || c.pids[1] === UINT64_MAX ? 0n : c.pids[1],
    },
    blkio,
  };
}

/** Files the `metrics` scope must not read: they feed no Prometheus family. */
const NOT_FOR_METRICS =
  /\/(cpuset\.[a-z_]+|pids\.[a-z]+|cpuacct\.usage|cpuacct\.usage_all|memory\.use_hierarchy|memory\.kmem\.tcp\.[a-z_]+|memory\.kmem\.(max_usage_in_bytes|failcnt|limit_in_bytes)|memory\.memsw\.(max_usage_in_bytes|failcnt))$/;

const CONTROLLERS = ['cpuacct', 'cpu', 'memory', 'pids', 'blkio', 'hugetlb', 'cpuset'];

describe('cgroup v1 round trip', () => {
  const reader = new PseudoFileReader({ areas: FAKE_AREAS });
  afterAll(() => reader.close());

  propTest.prop([cgroupArb], { numRuns: 50 })(
    'the metrics scope reads a subset of the files and gives the same metrics view as a complete read',
    (c) => {
      const tree = writeTree(render(c));
      const paths = Object.fromEntries(CONTROLLERS.map((n) => [n, `${tree.dir}/${n}`]));
      const read: string[] = [];
      const recorder: FileReader = {
        read: (p) => (read.push(p), reader.read(p)),
        tryRead: (p) => {
          const text = reader.tryRead(p);
          if (text !== undefined) read.push(p);
          return text;
        },
      };
      try {
        const all = readCgroupV1StatsSync(paths, { reader, hugePageSizes: ['2MB'] });
        const metrics = readCgroupV1StatsSync(paths, { reader: recorder, hugePageSizes: ['2MB'], scope: 'metrics' });
        expect(metrics.issues).toBeUndefined();
        expect(metricsView(metrics.stats)).toEqual(metricsView(all.stats));
        expect(read.filter((p) => NOT_FOR_METRICS.test(p))).toEqual([]);
        // 8 memory, 1 cpu, 2 cpuacct, 2 blkio, 3 hugetlb files exist for it here; a complete read has 37.
        expect(read.length).toBeLessThanOrEqual(16);
      } finally {
        for (const dir of Object.values(paths)) reader.forget(dir);
        tree.cleanup();
      }
    },
  );

  propTest.prop([cgroupArb], { numRuns: 50 })(
    'files rendered from random values read back as the mapping table says',
    (c) => {
      const tree = writeTree(render(c));
      const controllers = ['cpuacct', 'cpu', 'memory', 'pids', 'blkio', 'hugetlb', 'cpuset'];
      const paths = Object.fromEntries(controllers.map((n) => [n, `${tree.dir}/${n}`]));
      try {
        const { stats, issues } = readCgroupV1StatsSync(paths, {
          reader,
          hugePageSizes: ['2MB'],
        });
        expect(issues).toBeUndefined();
        expect(stats).toEqual(expected(c));
      } finally {
        for (const dir of Object.values(paths)) reader.forget(dir);
        tree.cleanup();
      }
    },
  );
});
