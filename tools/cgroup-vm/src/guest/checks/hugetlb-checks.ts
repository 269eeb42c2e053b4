import { readCgroupV2Stats } from '@katamon/cgroup-v2';
import { GUEST_PATHS } from '../../protocol.js';
import { MiB, expectThat, type Check } from '../check.js';
import { makeCgroup, readKeyed, readRaw, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

const huge = (pages: number) => [GUEST_PATHS.helper, 'huge', String(pages)];

export const hugetlbChecks: Check[] = [
  {
    name: 'hugetlb usage equals the huge pages a process mapped',
    needsHugepages: true,
    async run() {
      const dir = makeCgroup('check-hugetlb');
      try {
        await startIn(dir, huge(4)).ready;
        const { stats } = await readCgroupV2Stats(dir);
        const entry = stats.hugetlb?.get('2MB');
        const kernel = BigInt(readRaw(dir, 'hugetlb.2MB.rsvd.current'));
        expectThat(entry !== undefined, `no hugetlb 2MB entry: ${JSON.stringify([...(stats.hugetlb?.keys() ?? [])])}`);
        expectThat(
          entry.usage === 8n * MiB,
          `usage ${entry.usage}, kernel rsvd.current ${kernel}, current ${readRaw(dir, 'hugetlb.2MB.current')}`,
        );
        expectThat(entry.failcnt === 0n, `failcnt ${entry.failcnt} without a limit`);
        return `2MB usage ${entry.usage}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'hugetlb failcnt counts faults refused by hugetlb.2MB.max',
    needsHugepages: true,
    async run() {
      // The reservation (rsvd) is unlimited, so mmap succeeds; faulting the second page exceeds the
      // 2 MiB fault limit and the kernel answers SIGBUS, counting it in hugetlb.2MB.events `max`.
      const dir = makeCgroup('check-hugetlb-max', { 'hugetlb.2MB.max': String(2n * MiB) });
      try {
        const { signal } = await startIn(dir, huge(2)).exited;
        const { stats } = await readCgroupV2Stats(dir);
        const kernel = readKeyed(dir, 'hugetlb.2MB.events').get('max') ?? 0n;
        const entry = stats.hugetlb?.get('2MB');
        expectThat(signal === 'SIGBUS', `helper ended with ${signal}, not SIGBUS`);
        expectThat(
          entry !== undefined && entry.failcnt >= 1n,
          `failcnt ${entry?.failcnt}, kernel events max ${kernel}`,
        );
        expectThat(entry.failcnt === kernel, `failcnt ${entry.failcnt} vs kernel ${kernel}`);
        return `failcnt ${entry.failcnt}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
];
