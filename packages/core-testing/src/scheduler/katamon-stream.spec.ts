// The interval stream use case of @katamon/core under virtual time: documented examples first, the
// properties are in katamon-stream.prop.spec.ts.
import {
  createKatamon,
  KatamonError,
  silentLogger,
  type ContainerRef,
  type ContainerResolver,
  type Katamon,
  type OomSignal,
  type StatsSource,
  type StreamItem,
  type StreamOptions,
} from '@katamon/core';
import { createFakeScheduler, type FakeScheduler } from './create-fake-scheduler.js';

const ref: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'runc', status: 'running' };
const I = 1000;

interface World {
  s: FakeScheduler;
  k: Katamon;
  collects: number[];
  /** What the container does on the n-th collect (0-based); default: answer at once. */
  script: Map<number, 'gone' | 'io' | { takesMs: number }>;
  alive: { value: boolean };
  oom: { push(signal: OomSignal): void; end(): void } | undefined;
  released: (ContainerRef | undefined)[];
}

function world(options: { oom?: boolean; queueLength?: number } = {}): World {
  const s = createFakeScheduler();
  const w = {
    s,
    collects: [] as number[],
    script: new Map(),
    alive: { value: true },
    oom: undefined,
    released: [],
  } as unknown as World;
  const src: StatsSource = {
    name: 'cgroup-v2',
    probe: () => 'handle',
    collect: (_ref, signal) => {
      const n = w.collects.push(s.now()) - 1;
      const step = w.script.get(n);
      if (step === 'gone') return Promise.reject(new KatamonError('gone', 'cgroup removed'));
      if (step === 'io') return Promise.reject(new KatamonError('io', 'EIO'));
      const takes = step?.takesMs ?? 0;
      return new Promise((resolve, reject) => {
        const cancel = s.setTimer(takes, () => resolve({ stats: { pids: { current: BigInt(n), limit: 0n } } }));
        signal?.addEventListener('abort', () => (cancel(), reject(new KatamonError('cancelled', 'aborted'))));
      });
    },
    release: (r) => void w.released.push(r),
  };
  if (options.oom) {
    src.watchOom = (_r, signal) => ({
      [Symbol.asyncIterator]() {
        const queue: OomSignal[] = [];
        let wake: (() => void) | undefined;
        let ended = false;
        w.oom = { push: (x) => (queue.push(x), wake?.()), end: () => ((ended = true), wake?.()) };
        signal.addEventListener('abort', () => w.oom?.end());
        return {
          async next(): Promise<IteratorResult<OomSignal>> {
            while (queue.length === 0 && !ended) await new Promise<void>((r) => (wake = r));
            const value = queue.shift();
            return value === undefined ? { done: true, value: undefined } : { done: false, value };
          },
        };
      },
    });
  }
  const resolver: ContainerResolver = {
    name: 'runc',
    match: async () => [ref],
    list: async () => [ref],
    refresh: async (r) => (w.alive.value ? r : undefined),
  };
  w.k = createKatamon({
    resolvers: [resolver],
    sources: [src],
    scheduler: s,
    logger: silentLogger,
    sourceDeadlineMs: 10 * I,
    ...(options.queueLength === undefined ? {} : { queueLength: options.queueLength }),
  });
  return w;
}

/** Reads a stream in the background into an array. */
function read(k: Katamon, options: StreamOptions, limit = Infinity) {
  const items: StreamItem[] = [];
  const done = (async () => {
    for await (const item of k.stream(ref, options)) {
      items.push(item);
      if (items.length >= limit) break;
    }
  })();
  return { items, done };
}
const times = (items: StreamItem[]) => items.flatMap((i) => (i.type === 'sample' ? [i.sample.timestamp] : []));

describe('Katamon.stream', () => {
  it('samples first after one full interval, then at start + k·interval', async () => {
    const w = world();
    const r = read(w.k, { intervalMs: I });
    await w.s.advance(I - 1);
    expect(r.items).toEqual([]);
    await w.s.advance(1);
    expect(times(r.items)).toEqual([I]);
    await w.s.advance(2 * I);
    expect(times(r.items)).toEqual([I, 2 * I, 3 * I]);
  });

  it('drops ticks that fall due while a sample is running (never queues them)', async () => {
    const w = world();
    w.script.set(0, { takesMs: 1.5 * I });
    const r = read(w.k, { intervalMs: I });
    await w.s.advance(4 * I);
    // Sample 0 starts at I and ends at 2.5·I: the tick at 2·I is dropped, the next sample starts at 3·I.
    expect(w.collects).toEqual([I, 3 * I, 4 * I]);
    expect(times(r.items)).toEqual([I, 3 * I, 4 * I]);
  });

  it('reports a failed sample as an error item and retries on the next tick', async () => {
    const w = world();
    w.script.set(1, 'io');
    const r = read(w.k, { intervalMs: I });
    await w.s.advance(3 * I);
    expect(r.items.map((i) => i.type)).toEqual(['sample', 'error', 'sample']);
    expect(r.items[1]).toEqual({ type: 'error', id: 'c1', kind: 'io', message: 'EIO' });
  });

  it('ends with `gone` when a sample fails with kind gone, leaving no timers', async () => {
    const w = world({ oom: true });
    w.script.set(1, 'gone');
    const r = read(w.k, { intervalMs: I });
    await w.s.advance(5 * I);
    await r.done;
    expect(r.items.map((i) => i.type)).toEqual(['sample', 'end']);
    expect(r.items[1]).toEqual({ type: 'end', id: 'c1', reason: 'gone' });
    expect(w.s.pendingTimers()).toBe(0);
    expect(w.collects).toHaveLength(2);
    expect(w.released).toEqual([ref]);
  });

  it('ends with `gone` when a sample fails and the resolver no longer sees the container', async () => {
    const w = world();
    w.script.set(0, 'io');
    w.alive.value = false;
    const r = read(w.k, { intervalMs: I });
    await w.s.advance(2 * I);
    await r.done;
    expect(r.items).toEqual([{ type: 'end', id: 'c1', reason: 'gone' }]);
    expect(w.s.pendingTimers()).toBe(0);
  });

  it('forwards OOM kills, and ends with `gone` when the OOM watch sees the cgroup go', async () => {
    const w = world({ oom: true });
    const r = read(w.k, { intervalMs: I });
    const quiet = read(w.k, { intervalMs: I, oom: false });
    await w.s.advance(I);
    w.oom?.push('oom');
    await w.s.flush();
    w.oom?.push('gone');
    await Promise.all([r.done, quiet.done]);
    expect(r.items.map((i) => i.type)).toEqual(['sample', 'oom', 'end']);
    expect(r.items[1]).toEqual({ type: 'oom', id: 'c1' });
    expect(quiet.items.map((i) => i.type)).toEqual(['sample', 'end']);
    expect(w.s.pendingTimers()).toBe(0);
  });

  it('ends with `cancelled` on abort, stopping the sampler and aborting the sample in flight', async () => {
    const w = world();
    w.script.set(1, { takesMs: 10 * I });
    const ac = new AbortController();
    const r = read(w.k, { intervalMs: I, signal: ac.signal });
    await w.s.advance(2.5 * I);
    ac.abort();
    await r.done;
    expect(r.items.map((i) => i.type)).toEqual(['sample', 'end']);
    expect(r.items[1]).toEqual({ type: 'end', id: 'c1', reason: 'cancelled' });
    expect(w.s.pendingTimers()).toBe(0);
    await w.s.advance(10 * I);
    expect(w.collects).toHaveLength(2);
  });

  it('stops the sampler when the consumer breaks out of the loop', async () => {
    const w = world();
    const r = read(w.k, { intervalMs: I }, 2);
    await w.s.advance(5 * I);
    await r.done;
    expect(r.items.map((i) => i.type)).toEqual(['sample', 'sample']);
    expect(w.s.pendingTimers()).toBe(0);
    expect(w.collects).toHaveLength(2);
  });

  it('ends immediately for an already aborted signal and arms nothing', async () => {
    const w = world();
    const ac = new AbortController();
    ac.abort();
    const r = read(w.k, { intervalMs: I, signal: ac.signal });
    await r.done;
    expect(r.items).toEqual([{ type: 'end', id: 'c1', reason: 'cancelled' }]);
    expect(w.s.pendingTimers()).toBe(0);
  });

  it('arms nothing until the stream is iterated, and rejects a non-positive interval', () => {
    const w = world();
    w.k.stream(ref, { intervalMs: I });
    expect(w.s.pendingTimers()).toBe(0);
    for (const intervalMs of [0, -1, Number.NaN, Infinity]) {
      expect(() => w.k.stream(ref, { intervalMs })).toThrow('duration interval must be greater than 0');
    }
  });

  it('shares one sampler per (container, interval): many subscribers cost one collect per tick', async () => {
    const w = world();
    const readers = [read(w.k, { intervalMs: I }), read(w.k, { intervalMs: I }), read(w.k, { intervalMs: I })];
    await w.s.advance(3 * I);
    expect(w.collects).toEqual([I, 2 * I, 3 * I]);
    for (const r of readers) expect(times(r.items)).toEqual([I, 2 * I, 3 * I]);
    const other = read(w.k, { intervalMs: 3 * I });
    await w.s.advance(3 * I);
    expect(w.collects).toHaveLength(7);
    expect(times(other.items)).toEqual([6 * I]);
  });

  it('reference-counts the shared sampler: it runs until the last subscriber leaves', async () => {
    const w = world();
    const leaver = read(w.k, { intervalMs: I }, 1);
    const stayer = read(w.k, { intervalMs: I }, 3);
    await w.s.advance(I);
    await leaver.done;
    await w.s.advance(I);
    expect(times(stayer.items)).toEqual([I, 2 * I]);
    expect(w.s.pendingTimers()).toBe(1);
    await w.s.advance(I);
    await stayer.done;
    expect(w.collects).toEqual([I, 2 * I, 3 * I]);
    expect(w.s.pendingTimers()).toBe(0);
    expect(w.released).toEqual([ref]);
  });

  it('keeps a slow subscriber from blocking the others, dropping its oldest items', async () => {
    const w = world({ queueLength: 2 });
    const fast = read(w.k, { intervalMs: I });
    const slow = w.k.stream(ref, { intervalMs: I })[Symbol.asyncIterator]();
    const first = slow.next();
    await w.s.advance(5 * I);
    expect(times(fast.items)).toEqual([1, 2, 3, 4, 5].map((n) => n * I));
    expect((await first).value).toMatchObject({ sample: { timestamp: I } });
    // Samples 2 and 3 were dropped: the queue held at most 2 (4 and 5).
    expect((await slow.next()).value).toMatchObject({ sample: { timestamp: 4 * I }, dropped: 2 });
    expect((await slow.next()).value).toMatchObject({ sample: { timestamp: 5 * I } });
    await slow.return?.();
  });

  it('close() ends every stream with `cancelled` and releases the sources', async () => {
    const w = world();
    const a = read(w.k, { intervalMs: I });
    const b = read(w.k, { intervalMs: 2 * I });
    await w.s.advance(I);
    await w.k.close();
    await Promise.all([a.done, b.done]);
    expect(a.items.at(-1)).toEqual({ type: 'end', id: 'c1', reason: 'cancelled' });
    expect(b.items).toEqual([{ type: 'end', id: 'c1', reason: 'cancelled' }]);
    expect(w.s.pendingTimers()).toBe(0);
    expect(w.released).toContain(undefined);
  });
});
