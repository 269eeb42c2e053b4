import { readCgroupV2Stats } from '@katamon/cgroup-v2';
import { GUEST_PATHS } from '../../protocol.js';
import { MiB, UINT64_MAX, expectThat, pollUntil, type Check } from '../check.js';
import { makeCgroup, readKeyed, readPsiSomeTotal, readRaw, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

const hog = (mib: number) => [GUEST_PATHS.helper, 'hog', String(mib)];

export const memoryChecks: Check[] = [
  {
    name: 'memory usage covers a 64 MiB allocation and limits read back exactly',
    async run() {
      const dir = makeCgroup('check-memory', { 'memory.max': String(256n * MiB) });
      try {
        await startIn(dir, hog(64)).ready;
        const { stats } = await readCgroupV2Stats(dir);
        const kernelAnon = readKeyed(dir, 'memory.stat').get('anon') ?? 0n;
        const m = stats.memory;
        expectThat(m !== undefined, 'no memory section');
        expectThat(m.usage.usage >= 64n * MiB, `usage ${m.usage.usage} < 64 MiB`);
        expectThat(
          m.usage.limit === 256n * MiB,
          `limit ${m.usage.limit}, kernel memory.max ${readRaw(dir, 'memory.max')}`,
        );
        expectThat(m.usage.max >= 64n * MiB, `memory.peak ${m.usage.max} < 64 MiB`);
        // memory.current and memory.peak are exact page counters; memory.stat is flushed lazily (up to
        // 64 pages per CPU may be pending in 6.1), so anon gets that much slack.
        const anon = m.raw.get('anon') ?? 0n;
        expectThat(anon >= 63n * MiB, `raw anon ${anon} < 63 MiB for a 64 MiB hog`);
        const drift = anon > kernelAnon ? anon - kernelAnon : kernelAnon - anon;
        expectThat(drift <= MiB, `raw anon ${anon} vs kernel ${kernelAnon}`);
        expectThat(m.swap.usage >= m.usage.usage, `swap (mem+swap) ${m.swap.usage} < usage ${m.usage.usage}`);
        expectThat(m.swap.limit === UINT64_MAX, `swap limit ${m.swap.limit} with memory.swap.max=max`);
        return `usage ${m.usage.usage}, peak ${m.usage.max}, anon ${anon}, limit ${m.usage.limit}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'memory.max "max" reads as 18446744073709551615',
    async run() {
      const dir = makeCgroup('check-memory-max');
      try {
        expectThat(readRaw(dir, 'memory.max') === 'max', `fresh memory.max is ${readRaw(dir, 'memory.max')}`);
        const { stats } = await readCgroupV2Stats(dir);
        expectThat(stats.memory?.usage.limit === UINT64_MAX, `limit ${stats.memory?.usage.limit}`);
        return `usage.limit ${stats.memory.usage.limit}, swap.limit ${stats.memory.swap.limit}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'memory.pressure some total grows above memory.high',
    async run() {
      // Above memory.high the allocating task reclaims and is put to sleep; both are memory stalls.
      // Without swap its anonymous pages cannot go anywhere, so it stays throttled: no need to wait for it.
      const dir = makeCgroup('check-memory-psi', { 'memory.high': String(8n * MiB) });
      try {
        startIn(dir, hog(32));
        const kernel = await pollUntil(
          () => readPsiSomeTotal(dir, 'memory.pressure'),
          (total) => total > 0n,
        );
        const { stats } = await readCgroupV2Stats(dir);
        const psi = stats.memory?.psi;
        const events = readKeyed(dir, 'memory.events');
        expectThat(psi !== undefined, 'no memory.psi');
        expectThat(psi.some.total > 0n, `memory some total is 0: ${readRaw(dir, 'memory.pressure')}`);
        expectThat(psi.some.total >= kernel, `psi total ${psi.some.total} behind the kernel's earlier ${kernel}`);
        expectThat(
          stats.memory?.events?.high !== undefined && stats.memory.events.high <= (events.get('high') ?? 0n),
          `memory.events high ${stats.memory?.events?.high} vs kernel ${events.get('high')}`,
        );
        return `memory some total ${psi.some.total} µs, memory.events high ${stats.memory?.events?.high}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
];
