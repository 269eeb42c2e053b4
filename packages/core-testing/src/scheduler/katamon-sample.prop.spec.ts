// Properties of the one-shot sample of @katamon/core: whatever each source does, the sample carries
// every working source's data and exactly one issue per failing one, or fails with the most telling error.
import { fc, test } from '@fast-check/vitest';
import { KatamonError, mergeSourceResults, sampleContainer, type ContainerRef, type StatsSource } from '@katamon/core';
import { createFakeScheduler } from './create-fake-scheduler.js';

const ref: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'r', status: 'running' };
const behaviour = fc.oneof(
  fc.record({
    does: fc.constant('answer' as const),
    sections: fc.subarray(['pids', 'cpuset', 'hugetlb'] as const, { minLength: 1 }),
  }),
  fc.record({
    does: fc.constant('throw' as const),
    kind: fc.constantFrom('gone', 'io', 'unavailable', 'parse', 'permission-denied'),
  }),
  fc.record({ does: fc.constantFrom('hang' as const, 'malformed' as const, 'skip' as const, 'bad-probe' as const) }),
);
const sectionValue = { pids: { current: 1n, limit: 0n }, cpuset: {}, hugetlb: new Map() } as Record<string, unknown>;
const rank = [
  'gone',
  'not-running',
  'not-found',
  'permission-denied',
  'unsupported',
  'unavailable',
  'timeout',
  'io',
  'parse',
  'plugin',
];

describe('Katamon.sample properties', () => {
  test.prop([fc.array(behaviour, { minLength: 1, maxLength: 6 })], { numRuns: 200 })(
    'partial failure is data',
    async (plan) => {
      const s = createFakeScheduler();
      const sources: StatsSource[] = plan.map((b, i) => ({
        name: `s${i}`,
        probe: () => {
          if (b.does === 'bad-probe') throw new Error('probe bug');
          return b.does === 'skip' ? 'skip' : 'handle';
        },
        collect: (_r, signal) => {
          if (b.does === 'answer')
            return Promise.resolve({ stats: Object.fromEntries(b.sections.map((k) => [k, sectionValue[k]])) });
          if (b.does === 'throw') return Promise.reject(new KatamonError(b.kind, `failed ${i}`));
          if (b.does === 'malformed') return Promise.resolve({ stats: { pids: 'lots' } } as never);
          return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
        },
      }));
      const pending = sampleContainer({ sources, scheduler: s, deadlineMs: 10 }, ref).then(
        (sample) => ({ sample }),
        (error: KatamonError) => ({ error }),
      );
      await s.advance(10);
      const outcome = await pending;
      expect(s.pendingTimers()).toBe(0);

      const failing = plan.flatMap((b, i) =>
        b.does === 'answer' || b.does === 'skip' ? [] : [{ source: `s${i}`, b }],
      );
      const kindOf = (b: (typeof plan)[number]) =>
        b.does === 'throw' ? b.kind : b.does === 'hang' ? 'timeout' : b.does === 'malformed' ? 'parse' : 'plugin';
      const answering = plan.flatMap((b, i) =>
        b.does === 'answer'
          ? [{ source: `s${i}`, result: { stats: Object.fromEntries(b.sections.map((k) => [k, sectionValue[k]])) } }]
          : [],
      );
      if (answering.length > 0) {
        expect('sample' in outcome).toBe(true);
        const sample = (outcome as { sample: Awaited<ReturnType<typeof sampleContainer>> }).sample;
        expect(sample.stats).toEqual(mergeSourceResults(ref, answering).stats);
        expect(sample.issues.map((i) => [i.source, i.kind]).sort()).toEqual(
          failing.map((f) => [f.source, kindOf(f.b)]).sort(),
        );
      } else if (failing.length === 0) {
        expect(outcome).toMatchObject({ error: { kind: 'unsupported' } });
      } else {
        const best = Math.min(...failing.map((f) => rank.indexOf(kindOf(f.b))));
        expect(outcome).toMatchObject({ error: { kind: rank[best] } });
      }
    },
  );
});
