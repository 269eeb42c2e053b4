import { readCgroupV2Stats } from '@katamon/cgroup-v2';
import { GUEST_PATHS } from '../../protocol.js';
import { expectThat, pollUntil, type Check } from '../check.js';
import { makeCgroup, readKeyed, readPsiSomeTotal, readRaw, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

const spin = [GUEST_PATHS.helper, 'spin'];

export const cpuChecks: Check[] = [
  {
    name: 'cpu usage grows while a process burns CPU',
    async run() {
      const dir = makeCgroup('check-cpu');
      try {
        const burner = startIn(dir, spin);
        await burner.ready;
        const kernelBefore = readKeyed(dir, 'cpu.stat');
        const first = (await readCgroupV2Stats(dir)).stats.cpu;
        const second = await pollUntil(
          async () => (await readCgroupV2Stats(dir)).stats.cpu,
          (cpu) => cpu !== undefined && first !== undefined && cpu.usage.total > first.usage.total,
        );
        const kernelAfter = readKeyed(dir, 'cpu.stat');
        expectThat(first !== undefined && second !== undefined, 'no cpu section');
        const before = (kernelBefore.get('usage_usec') ?? 0n) * 1000n;
        const after = (kernelAfter.get('usage_usec') ?? 0n) * 1000n;
        expectThat(
          second.usage.total > first.usage.total,
          `usage did not grow: ${first.usage.total} → ${second.usage.total}`,
        );
        expectThat(
          before <= first.usage.total && second.usage.total <= after,
          `katamon's usage is not between the kernel's reads: ${before} ≤ ${first.usage.total} … ${second.usage.total} ≤ ${after}`,
        );
        expectThat(second.usage.user > 0n, `user time is 0 for a user-space burner`);
        return `usage_ns ${first.usage.total} → ${second.usage.total} (kernel ${before} … ${after}), user ${second.usage.user}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'cpu throttling appears under a cpu.max quota',
    async run() {
      const dir = makeCgroup('check-throttle', { 'cpu.max': '10000 100000' });
      try {
        const burner = startIn(dir, spin);
        await burner.ready;
        // nr_throttled grows when the kernel throttles; throttled_usec only when it unthrottles: wait for both.
        const { stats } = await pollUntil(
          () => readCgroupV2Stats(dir),
          (r) =>
            (r.stats.cpu?.throttling.throttledPeriods ?? 0n) > 0n && (r.stats.cpu?.throttling.throttledTime ?? 0n) > 0n,
        );
        const kernel = readKeyed(dir, 'cpu.stat');
        const t = stats.cpu?.throttling;
        expectThat(t !== undefined, 'no cpu.throttling');
        expectThat(t.throttledPeriods > 0n, `no throttled periods at 10% quota: ${readRaw(dir, 'cpu.stat')}`);
        expectThat(t.throttledTime > 0n, 'throttled time is 0');
        expectThat(
          t.periods <= (kernel.get('nr_periods') ?? 0n) &&
            t.throttledTime <= (kernel.get('throttled_usec') ?? 0n) * 1000n,
          `throttling ahead of the kernel's later read: ${JSON.stringify(t, (_k, v: unknown) => String(v))}`,
        );
        return `periods ${t.periods}, throttled ${t.throttledPeriods}, throttled_ns ${t.throttledTime}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'cpu.pressure some total grows under contention on one CPU',
    async run() {
      // Two burners pinned to one CPU: one always waits for the other, which is what PSI `some` counts.
      const dir = makeCgroup('check-cpu-psi', { 'cpuset.cpus': '0' });
      try {
        const burners = [startIn(dir, spin), startIn(dir, spin)];
        await Promise.all(burners.map((b) => b.ready));
        const { stats } = await pollUntil(
          () => readCgroupV2Stats(dir),
          (r) => (r.stats.cpu?.psi?.some.total ?? 0n) > 0n,
        );
        const kernel = readPsiSomeTotal(dir, 'cpu.pressure');
        const psi = stats.cpu?.psi;
        expectThat(psi !== undefined, 'no cpu.psi');
        expectThat(psi.some.total > 0n, `cpu some total is 0: ${readRaw(dir, 'cpu.pressure')}`);
        expectThat(psi.some.total <= kernel, `psi total ${psi.some.total} ahead of the kernel's later ${kernel}`);
        return `cpu some total ${psi.some.total} µs, avg10 ${psi.some.avg10}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
];
