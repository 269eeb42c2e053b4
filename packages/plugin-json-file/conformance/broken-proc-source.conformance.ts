// A deliberately broken copy of the proc-pid source: the conformance suite must reject it.
// Run only by src/conformance-rejects-broken.spec.ts, through conformance/vitest.broken.config.mts.
import type { ContainerRef, StatsSource } from '@katamon/core';
import { createTempDir, describeStatsSource, writeTree, type TempDir } from '@katamon/core-testing';

const brokenSource: StatsSource = {
  name: 'broken-proc',
  // Bug 1: throws on refs without a pid instead of answering 'skip'.
  probe(ref: ContainerRef) {
    if (ref.pid === undefined || ref.pid < 0) throw new Error('no pid');
    return ref.cgroup ? 'skip' : 'handle';
  },
  // Bug 2: counters as JS numbers; bug 3: ignores the abort signal; bug 4: a vanished process is "io".
  async collect(ref) {
    if (ref.pid === 999999) throw Object.assign(new Error('ENOENT'), { kind: 'io' });
    return { stats: { pids: { current: 3, limit: 0 } as unknown as { current: bigint; limit: bigint } } };
  },
};

let proc: TempDir;
const ref = (pid: number): ContainerRef => ({
  id: `p${pid}`,
  runtime: 'process',
  resolver: 'json-file',
  status: 'running',
  pid,
});

describeStatsSource('broken-proc', {
  async refs() {
    proc = await createTempDir();
    await writeTree(proc.path, { '1': { stat: 'x' } });
    return { handled: [ref(1)], gone: ref(999999) };
  },
  create: () => brokenSource,
  cleanup: () => proc.cleanup(),
});
