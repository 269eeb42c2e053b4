import { createCgroupV2Source } from '@katamon/cgroup-v2';
import { errorKindOf, type ContainerRef } from '@katamon/core';
import { LIMIT_WRITE_CHECK_MS } from '@katamon/sysfs';
import { GUEST_PATHS } from '../../protocol.js';
import { MiB, expectThat, pollUntil, type Check } from '../check.js';
import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { makeCgroup, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

/** The inotify instances this process holds (libuv's own, for fs.watch, stays open once made). */
const inotifyFds = (): string[] =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === 'anon_inode:inotify';
    } catch {
      return false;
    }
  });

export const sourceChecks: Check[] = [
  {
    name: 'the source re-reads its cached descriptors and reports a removed cgroup as gone',
    async run() {
      // Fakes cannot show this: kernfs regenerates a file's content on every read at offset 0, and a
      // removed cgroup leaves the cached descriptors returning ENODEV, not ENOENT.
      const dir = makeCgroup('check-source', { 'pids.max': '7' });
      const source = createCgroupV2Source();
      const ref: ContainerRef = {
        id: 'check-source',
        runtime: 'runc',
        resolver: 'vm',
        status: 'running',
        cgroup: { version: 2, path: dir },
      };
      try {
        expectThat(source.probe(ref) === 'handle', `probe: ${source.probe(ref)}`);
        await startIn(dir, [GUEST_PATHS.helper, 'spin']).ready;
        const first = await source.collect(ref);
        const later = await pollUntil(
          () => source.collect(ref),
          (r) => (r.stats.cpu?.usage.total ?? 0n) > (first.stats.cpu?.usage.total ?? 0n),
        );
        expectThat(later.stats.cpu !== undefined && first.stats.cpu !== undefined, 'no cpu section');
        expectThat(
          later.stats.cpu.usage.total > first.stats.cpu.usage.total,
          `usage stuck at ${first.stats.cpu.usage.total}`,
        );
        expectThat(
          later.stats.pids?.current === 1n && later.stats.pids.limit === 7n,
          `pids ${later.stats.pids?.current}/${later.stats.pids?.limit}`,
        );
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
      const ref: ContainerRef = {
        id: 'check-metrics',
        runtime: 'runc',
        resolver: 'vm',
        status: 'running',
        cgroup: { version: 2, path: dir },
      };
      try {
        await startIn(dir, [GUEST_PATHS.helper, 'spin']).ready;
        const before = (await source.collect(ref)).stats;
        const metrics = await source.collect(ref, undefined, 'metrics');
        const after = (await source.collect(ref)).stats;
        const m = metrics.stats;
        expectThat(metrics.issues === undefined, `issues: ${JSON.stringify(metrics.issues)}`);
        expectThat(m.pids === undefined && after.pids?.limit === 9n, `pids: metrics ${JSON.stringify(m.pids)}`);
        const total = (s: typeof m) => s.cpu?.usage.total ?? -1n;
        expectThat(
          total(before) <= total(m) && total(m) <= total(after),
          `cpu ${total(before)} ≤ ${total(m)} ≤ ${total(after)}`,
        );
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
  {
    name: 'the source keeps the limits until one is written (inotify on a v2 directory) and shows each write from the next look for writes',
    async run() {
      const dir = makeCgroup('check-until-written', { 'pids.max': '11', 'memory.max': String(128n * MiB) });
      const source = createCgroupV2Source();
      const ref: ContainerRef = {
        id: 'check-written',
        runtime: 'runc',
        resolver: 'vm',
        status: 'running',
        cgroup: { version: 2, path: dir },
      };
      try {
        await startIn(dir, [GUEST_PATHS.helper, 'spin']).ready;
        const before = inotifyFds();
        for (let i = 0; i < 3; i++) source.collectSync?.(ref); // the watch starts at the second sample
        // The limits are kept, not re-read: the source opened an inotify instance (the host's addon in the guest).
        const own = inotifyFds().filter((fd) => !before.includes(fd));
        expectThat(
          own.length === 1,
          `new inotify instances: ${own.length} (the addon did not load, or nothing was kept)`,
        );
        const seen: string[] = [];
        for (const [pids, memory] of [
          ['22', 96n],
          ['max', 64n],
          ['33', 200n],
        ] as const) {
          writeFileSync(`${dir}/pids.max`, pids);
          writeFileSync(`${dir}/memory.max`, String(memory * MiB));
          // Writes are looked for at most every LIMIT_WRITE_CHECK_MS: a sample that starts that long after shows them.
          await new Promise((resolve) => setTimeout(resolve, LIMIT_WRITE_CHECK_MS + 1));
          const got = source.collectSync?.(ref).stats;
          const want = pids === 'max' ? 0n : BigInt(pids);
          expectThat(got?.pids?.limit === want, `pids.max ${pids}: sample says ${got?.pids?.limit}`);
          expectThat(
            got?.memory?.usage.limit === memory * MiB,
            `memory.max ${memory} MiB: sample says ${got?.memory?.usage.limit}`,
          );
          seen.push(`${got.pids.limit}/${got.memory.usage.limit / MiB}MiB`);
        }
        await source.release?.();
        expectThat(!inotifyFds().includes(own[0] as string), 'the inotify instance survived release');
        return `limits after each write: ${seen.join(', ')}`;
      } finally {
        await source.release?.();
        await removeCgroup(dir);
      }
    },
  },
];
