import { mkdirSync, rmdirSync } from 'node:fs';
import { describeStatsSource } from '@katamon/core-testing';
import type { ContainerRef } from '@katamon/core';
import { createCgroupV1Source } from './cgroup-v1-source.js';
import { createKernelCgroup, v1HostAvailable, type KernelCgroup } from './kernel-cgroup.spec-helper.js';

const CONTROLLERS = ['cpu', 'cpuacct', 'memory', 'pids', 'cpuset', 'blkio'];
let cg: KernelCgroup | undefined;
const ref = (id: string, paths: Record<string, string>): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'test',
  status: 'running',
  cgroup: { version: 1, paths },
});

// The port's contract, against real v1 cgroups of this host (a sleeping process in each controller).
describeStatsSource('cgroup-v1 on real cgroups', {
  create: () => createCgroupV1Source({ hugePageSizes: [] }),
  async refs() {
    // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
    if (!v1HostAvailable(CONTROLLERS))
      throw new Error('missing prerequisite: root and cgroup v1 controllers (run .ci/run)');
    cg = createKernelCgroup(CONTROLLERS);
    await cg.spawnIn('sleep 600');
    // A cgroup that existed and is gone: created, then removed (runc: gone once the memory or cpuacct one is).
    const goneDir = `${cg.paths['memory'] as string}-gone`;
    mkdirSync(goneDir);
    rmdirSync(goneDir);
    return {
      handled: [ref('real', cg.paths)],
      skipped: [
        {
          id: 'v2',
          runtime: 'runc',
          resolver: 'test',
          status: 'running',
          cgroup: { version: 2, path: '/sys/fs/cgroup/x' },
        },
      ],
      gone: ref('gone', { memory: goneDir }),
    };
  },
  cleanup: () => cg?.cleanup(),
  sections: ['cpu', 'memory', 'pids', 'blkio', 'hugetlb', 'cpuset'],
  requiredSections: ['cpu', 'memory', 'pids', 'blkio'],
});
