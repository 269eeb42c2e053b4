import { createCgroupV2Source } from '@katamon/cgroup-v2';
import { errorKindOf, type ContainerRef } from '@katamon/core';
import { GUEST_PATHS } from '../../protocol.js';
import { expectThat, pollUntil, type Check } from '../check.js';
import { makeCgroup, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

export const sourceChecks: Check[] = [
  {
    name: 'the source re-reads its cached descriptors and reports a removed cgroup as gone',
    async run() {
      // Fakes cannot show this: kernfs regenerates a file's content on every read at offset 0, and a
      // removed cgroup leaves the cached descriptors returning ENODEV, not ENOENT.
      const dir = makeCgroup('check-source', { 'pids.max': '7' });
      const source = createCgroupV2Source();
      const ref: ContainerRef = { id: 'check-source', runtime: 'runc', resolver: 'vm', status: 'running', cgroup: { version: 2, path: dir } };
      try {
        expectThat(source.probe(ref) === 'handle', `probe: ${source.probe(ref)}`);
        await startIn(dir, [GUEST_PATHS.helper, 'spin']).ready;
        const first = await source.collect(ref);
        const later = await pollUntil(
          () => source.collect(ref),
          (r) => (r.stats.cpu?.usage.total ?? 0n) > (first.stats.cpu?.usage.total ?? 0n),
        );
        expectThat(later.stats.cpu !== undefined && first.stats.cpu !== undefined, 'no cpu section');
        expectThat(later.stats.cpu.usage.total > first.stats.cpu.usage.total, `usage stuck at ${first.stats.cpu.usage.total}`);
        expectThat(later.stats.pids?.current === 1n && later.stats.pids.limit === 7n, `pids ${later.stats.pids?.current}/${later.stats.pids?.limit}`);
        expectThat(later.issues === undefined, `issues: ${JSON.stringify(later.issues)}`);
        await removeCgroup(dir);
        const after = await source.collect(ref).then(
          (r) => `stats ${JSON.stringify(Object.keys(r.stats))}`,
          (error: unknown) => errorKindOf(error),
        );
        expectThat(after === 'gone', `collect after rmdir gave ${after}, not an error of kind gone`);
        return `usage ${first.stats.cpu.usage.total} → ${later.stats.cpu.usage.total}; after removal: ${after}`;
      } finally {
        await source.release?.();
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'the metrics scope reads what a complete read reads, between two complete reads, without the pids files',
    async run() {
      const dir = makeCgroup('check-metrics-scope', { 'pids.max': '9', 'memory.max': String(256n * 1024n * 1024n) });
      const source = createCgroupV2Source();
      const ref: ContainerRef = { id: 'check-metrics', runtime: 'runc', resolver: 'vm', status: 'running', cgroup: { version: 2, path: dir } };
      try {
        await startIn(dir, [GUEST_PATHS.helper, 'spin']).ready;
        const before = (await source.collect(ref)).stats;
        const metrics = await source.collect(ref, undefined, 'metrics');
        const after = (await source.collect(ref)).stats;
        const m = metrics.stats;
        expectThat(metrics.issues === undefined, `issues: ${JSON.stringify(metrics.issues)}`);
        expectThat(m.pids === undefined && after.pids?.limit === 9n, `pids: metrics ${JSON.stringify(m.pids)}`);
        const total = (s: typeof m) => s.cpu?.usage.total ?? -1n;
        expectThat(total(before) <= total(m) && total(m) <= total(after), `cpu ${total(before)} ≤ ${total(m)} ≤ ${total(after)}`);
        expectThat(m.memory?.usage.limit === after.memory?.usage.limit, `memory limit ${m.memory?.usage.limit}`);
        expectThat(m.memory?.swap.limit === after.memory?.swap.limit, `swap limit ${m.memory?.swap.limit}`);
        const keys = (s: typeof m) => [...(s.memory?.raw.keys() ?? [])].sort().join();
        expectThat(keys(m) === keys(after) && keys(m) !== '', 'memory.stat keys differ');
        expectThat(m.memory?.events !== undefined && m.cpu?.psi !== undefined, 'memory.events or cpu.pressure missing');
        return `cpu ${total(before)} ≤ ${total(m)} ≤ ${total(after)}; ${m.memory?.raw.size} memory.stat keys; no pids`;
      } finally {
        await source.release?.();
        await removeCgroup(dir);
      }
    },
  },
];
