import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStatsSource } from '@katamon/core-testing';
import type { ContainerRef } from '@katamon/core';
import { createCgroupV2Source } from './cgroup-v2-source.js';
import { FIXTURE_DIR, writeTree, FAKE_AREAS } from './fake-tree.spec-helper.js';

let work: string | undefined;
const cleanups: (() => void)[] = [];
const ref = (id: string, path: string): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'test',
  status: 'running',
  cgroup: { version: 2, path },
});

// The port's contract on the real files of a Linux 6.1 cgroup (shared/fixtures); the real kernel run is in
// tools/v2-vm. `minimal`: a cgroup with the controllers' files absent (nothing enabled in the parent).
describeStatsSource('cgroup-v2 on recorded kernel files', {
  create: () => createCgroupV2Source({ hugePageSizes: ['2MB'], areas: FAKE_AREAS }),
  refs() {
    work = mkdtempSync(join(tmpdir(), 'katamon-v2-conformance-'));
    cpSync(FIXTURE_DIR, join(work, 'workload'), { recursive: true });
    const minimal = writeTree({ 'cgroup.procs': '1\n2\n', 'cgroup.events': 'populated 1\nfrozen 0\n' });
    cleanups.push(minimal.cleanup);
    return {
      handled: [ref('workload', join(work, 'workload'))],
      minimal: [ref('minimal', minimal.dir)],
      skipped: [
        {
          id: 'v1',
          runtime: 'runc',
          resolver: 'test',
          status: 'running',
          cgroup: { version: 1, paths: { pids: '/x' } },
        },
      ],
      gone: ref('gone', join(work, 'removed')),
    };
  },
  cleanup() {
    for (const c of cleanups) c();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  },
  sections: ['cpu', 'memory', 'pids', 'blkio', 'hugetlb'],
  requiredSections: ['cpu', 'memory', 'pids', 'blkio'],
});
