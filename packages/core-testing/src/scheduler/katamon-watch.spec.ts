// Katamon.watch (items to a callback, from the sampler's tick) and the synchronous sample path under virtual
// time: a source with collectSync is answered without a promise, and watch hands each item over in the
// timer's own callback; with an asynchronous source both still work, a microtask later.
import fc from 'fast-check';
import {
  createKatamon,
  KatamonError,
  sampleContainerNow,
  type ContainerRef,
  type Logger,
  type SourceResult,
  type StatsSource,
  type StreamItem,
} from '@katamon/core';
import { createFakeScheduler, type FakeScheduler } from './create-fake-scheduler.js';

const ref: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'runc', status: 'running' };
const I = 1000;

interface SyncWorld {
  s: FakeScheduler;
  collects: number[];
  /** Collect numbers (0-based) that fail with this kind. */
  failing: Map<number, 'gone' | 'io'>;
  errors: string[];
  k: ReturnType<typeof createKatamon>;
}

function syncWorld(extra: StatsSource[] = []): SyncWorld {
  const s = createFakeScheduler();
  const w = { s, collects: [] as number[], failing: new Map(), errors: [] as string[] } as SyncWorld;
  const answer = (): SourceResult => {
    const n = w.collects.push(s.now()) - 1;
    const kind = w.failing.get(n);
    if (kind !== undefined) throw new KatamonError(kind, `collect ${n} failed`);
    return { stats: { pids: { current: BigInt(n), limit: 0n } } };
  };
  const source: StatsSource = {
    name: 'cgroup-v1',
    probe: () => 'handle',
    collect: async () => answer(),
    collectSync: answer,
  };
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message) => void w.errors.push(message),
  };
  w.k = createKatamon({
    resolvers: [{ name: 'runc', match: async () => [ref], list: async () => [ref], refresh: async (r) => r }],
    sources: [source, ...extra],
    scheduler: s,
    logger,
    sourceDeadlineMs: 10 * I,
  });
  return w;
}

const kinds = (items: StreamItem[]) => items.map((i) => i.type);
const pids = (items: StreamItem[]) => items.flatMap((i) => (i.type === 'sample' ? [i.sample.stats.pids?.current] : []));

describe('sampleContainerNow', () => {
  it('answers synchronously when every source that handles the container has collectSync', () => {
    const s = createFakeScheduler();
    const sync: StatsSource = {
      name: 'a',
      probe: () => 'handle',
      collect: async () => ({ stats: {} }),
      collectSync: () => ({ stats: { pids: { current: 1n, limit: 0n } } }),
    };
    const answer = sampleContainerNow({ sources: [sync], scheduler: s }, ref);
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toMatchObject({ id: 'c1', sources: ['a'], stats: { pids: { current: 1n } } });
  });

  it('throws synchronously (not a rejected promise) when no synchronous source produced anything', () => {
    const s = createFakeScheduler();
    const gone: StatsSource = {
      name: 'a',
      probe: () => 'handle',
      collect: async () => ({ stats: {} }),
      collectSync: () => {
        throw new KatamonError('gone', 'cgroup removed');
      },
    };
    expect(() => sampleContainerNow({ sources: [gone], scheduler: s }, ref)).toThrow('cgroup removed');
  });

  it('returns a promise when one handling source is asynchronous, merging both', async () => {
    const s = createFakeScheduler();
    const sync: StatsSource = {
      name: 'cgroup-v1',
      probe: () => 'handle',
      collect: async () => ({ stats: {} }),
      collectSync: () => ({ stats: { pids: { current: 1n, limit: 0n } } }),
    };
    const agent: StatsSource = {
      name: 'netns',
      probe: () => 'handle',
      collect: async () => ({ stats: { runcInterfaces: [] } }),
    };
    const skipped: StatsSource = { name: 'other', probe: () => 'skip', collect: async () => ({ stats: {} }) };
    const answer = sampleContainerNow({ sources: [sync, agent, skipped], scheduler: s }, ref);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toMatchObject({ sources: ['cgroup-v1', 'netns'], stats: { pids: { current: 1n } } });
  });
});

describe('Katamon.watch', () => {
  it('hands each sample over inside the tick itself, first after one interval', async () => {
    const w = syncWorld();
    const items: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I }, (item) => items.push(item));
    await w.s.advance(I - 1);
    expect(items).toEqual([]);
    // Run only the timer (no promise job): the sample is already there.
    expect(w.s.advanceSync(1)).toBe(1);
    expect(pids(items)).toEqual([0n]);
    await w.s.advance(2 * I);
    expect(pids(items)).toEqual([0n, 1n, 2n]);
    expect(w.collects).toEqual([I, 2 * I, 3 * I]);
  });

  it('reports a failed sample as an error item and retries; ends with `gone` and leaves no timer', async () => {
    const w = syncWorld();
    w.failing.set(1, 'io').set(3, 'gone');
    const items: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I }, (item) => items.push(item));
    await w.s.advance(10 * I);
    expect(kinds(items)).toEqual(['sample', 'error', 'sample', 'end']);
    expect(items[1]).toEqual({ type: 'error', id: 'c1', kind: 'io', message: 'collect 1 failed' });
    expect(items[3]).toEqual({ type: 'end', id: 'c1', reason: 'gone' });
    expect(w.s.pendingTimers()).toBe(0);
  });

  it('shares the sampler with streams: one collect per tick for every kind of subscriber', async () => {
    const w = syncWorld();
    const watched: StreamItem[] = [];
    const streamed: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I }, (item) => watched.push(item));
    const done = (async () => {
      for await (const item of w.k.stream(ref, { intervalMs: I })) {
        streamed.push(item);
        if (streamed.length === 3) break;
      }
    })();
    await w.s.advance(3 * I);
    await done;
    expect(w.collects).toEqual([I, 2 * I, 3 * I]);
    expect(pids(watched)).toEqual([0n, 1n, 2n]);
    expect(pids(streamed)).toEqual([0n, 1n, 2n]);
  });

  it('unsubscribing stops the sampler (no `end` delivered); an abort delivers `end` cancelled', async () => {
    const w = syncWorld();
    const items: StreamItem[] = [];
    const unsubscribe = w.k.watch(ref, { intervalMs: I }, (item) => items.push(item));
    await w.s.advance(2 * I);
    unsubscribe();
    unsubscribe();
    await w.s.advance(5 * I);
    expect(kinds(items)).toEqual(['sample', 'sample']);
    expect(w.s.pendingTimers()).toBe(0);

    const ac = new AbortController();
    const aborted: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I, signal: ac.signal }, (item) => aborted.push(item));
    await w.s.advance(I);
    ac.abort();
    await w.s.advance(5 * I);
    expect(kinds(aborted)).toEqual(['sample', 'end']);
    expect(aborted[1]).toEqual({ type: 'end', id: 'c1', reason: 'cancelled' });
    expect(w.s.pendingTimers()).toBe(0);
  });

  it('an already aborted signal gets `end` at once and arms nothing; a bad interval throws', () => {
    const w = syncWorld();
    const ac = new AbortController();
    ac.abort();
    const items: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I, signal: ac.signal }, (item) => items.push(item));
    expect(items).toEqual([{ type: 'end', id: 'c1', reason: 'cancelled' }]);
    expect(w.s.pendingTimers()).toBe(0);
    for (const intervalMs of [0, -1, Number.NaN, Infinity]) {
      expect(() => w.k.watch(ref, { intervalMs }, () => undefined)).toThrow('duration interval must be greater than 0');
    }
  });

  it('a callback that throws is logged and removed; the other subscribers go on', async () => {
    const w = syncWorld();
    const good: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I }, () => {
      throw new Error('boom');
    });
    w.k.watch(ref, { intervalMs: I }, (item) => good.push(item));
    await w.s.advance(3 * I);
    expect(pids(good)).toEqual([0n, 1n, 2n]);
    expect(w.errors).toEqual(['stream subscriber failed and was removed']);
  });

  it('a throwing callback that was the only subscriber stops the sampler, and its abort is not delivered', async () => {
    const w = syncWorld();
    const ac = new AbortController();
    let calls = 0;
    w.k.watch(ref, { intervalMs: I, signal: ac.signal }, () => {
      calls++;
      throw new Error('boom');
    });
    await w.s.advance(3 * I);
    expect(calls).toBe(1);
    expect(w.collects).toEqual([I]);
    expect(w.s.pendingTimers()).toBe(0);
    ac.abort();
    expect(calls).toBe(1);
  });

  it('with an asynchronous source too, delivers the same items as a stream', async () => {
    const agent: StatsSource = {
      name: 'netns',
      probe: () => 'handle',
      collect: async () => ({ stats: { runcInterfaces: [] } }),
    };
    const w = syncWorld([agent]);
    const watched: StreamItem[] = [];
    w.k.watch(ref, { intervalMs: I }, (item) => watched.push(item));
    await w.s.advance(2 * I);
    expect(kinds(watched)).toEqual(['sample', 'sample']);
    expect(watched[0]).toMatchObject({ sample: { sources: ['cgroup-v1', 'netns'] } });
  });

  it('property: watch and stream see the same items for any failure script', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<'ok' | 'io' | 'gone'>('ok', 'ok', 'io', 'gone'), { minLength: 1, maxLength: 12 }),
        async (script) => {
          const w = syncWorld();
          script.forEach((step, n) => step !== 'ok' && w.failing.set(n, step));
          const watched: StreamItem[] = [];
          const streamed: StreamItem[] = [];
          w.k.watch(ref, { intervalMs: I }, (item) => watched.push(item));
          const done = (async () => {
            for await (const item of w.k.stream(ref, { intervalMs: I })) streamed.push(item);
          })();
          await w.s.advance((script.length + 1) * I);
          await w.k.close();
          await done;
          // The stream ends with `cancelled` from close() when the container never went: watch got it too.
          expect(watched).toEqual(streamed);
          expect(w.s.pendingTimers()).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });
});
