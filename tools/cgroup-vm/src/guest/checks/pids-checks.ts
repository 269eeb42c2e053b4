import { readCgroupV2Stats } from '@katamon/cgroup-v2';
import { expectThat, type Check } from '../check.js';
import { makeCgroup, readRaw, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

/** Places `n` sleeping processes in `dir` and waits until the kernel lists them all. */
async function placeSleepers(dir: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) startIn(dir, ['sleep', '1000']);
  for (let i = 0; i < 200 && readRaw(dir, 'cgroup.procs').split('\n').filter(Boolean).length < n; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const pidsChecks: Check[] = [
  {
    name: 'pids.current equals the processes placed and pids.max reads back',
    async run() {
      const dir = makeCgroup('check-pids', { 'pids.max': '10' });
      try {
        await placeSleepers(dir, 5);
        const { stats } = await readCgroupV2Stats(dir);
        expectThat(
          stats.pids?.current === 5n,
          `pids.current ${stats.pids?.current}, kernel ${readRaw(dir, 'pids.current')}`,
        );
        expectThat(stats.pids.limit === 10n, `pids.limit ${stats.pids.limit}, kernel ${readRaw(dir, 'pids.max')}`);
        return `current ${stats.pids.current}, limit ${stats.pids.limit}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'pids.max "max" reads as limit 0',
    async run() {
      const dir = makeCgroup('check-pids-max');
      try {
        await placeSleepers(dir, 2);
        const { stats } = await readCgroupV2Stats(dir);
        expectThat(readRaw(dir, 'pids.max') === 'max', `fresh pids.max is ${readRaw(dir, 'pids.max')}`);
        expectThat(stats.pids?.limit === 0n, `pids.limit ${stats.pids?.limit}`);
        expectThat(stats.pids.current === 2n, `pids.current ${stats.pids.current}`);
        return `current ${stats.pids.current}, limit ${stats.pids.limit}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'pids without the pids controller counts cgroup.procs',
    async run() {
      // The parent delegates only cpu, so the child has no pids.* files: runc counts cgroup.procs lines.
      const parent = makeCgroup('check-nopids', { 'cgroup.subtree_control': '+cpu' });
      const dir = makeCgroup('check-nopids/child');
      try {
        await placeSleepers(dir, 3);
        const { stats, issues } = await readCgroupV2Stats(dir);
        expectThat(
          !readRaw(dir, 'cgroup.controllers').includes('pids'),
          `pids enabled: ${readRaw(dir, 'cgroup.controllers')}`,
        );
        expectThat(stats.pids?.current === 3n, `pids.current ${stats.pids?.current} from cgroup.procs`);
        expectThat(stats.pids.limit === 0n, `pids.limit ${stats.pids.limit}`);
        return `current ${stats.pids.current}, limit ${stats.pids.limit}, issues ${JSON.stringify(issues ?? [])}`;
      } finally {
        await removeCgroup(dir);
        await removeCgroup(parent);
      }
    },
  },
];
