// Properties of the interval stream of @katamon/core: virtual time for the ticks, fc.scheduler() for the
// order in which sources answer and subscribers read.
import { fc, test } from '@fast-check/vitest';
import {
  createKatamon,
  KatamonError,
  silentLogger,
  type ContainerRef,
  type StatsSource,
  type StreamItem,
} from '@katamon/core';
import { createFakeScheduler, type FakeScheduler } from './create-fake-scheduler.js';

const ref: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'runc', status: 'running' };
const resolver = {
  name: 'runc',
  match: async () => [ref],
  list: async () => [ref],
  refresh: async (r: ContainerRef) => r,
};

function katamon(s: FakeScheduler, source: StatsSource, queueLength?: number) {
  return createKatamon({
    resolvers: [resolver],
    sources: [source],
    scheduler: s,
    logger: silentLogger,
    sourceDeadlineMs: 1e9,
    ...(queueLength === undefined ? {} : { queueLength }),
  });
}

async function drain(iterable: AsyncIterable<StreamItem>, items: StreamItem[], gate?: () => Promise<unknown>) {
  for await (const item of iterable) {
    items.push(item);
    await gate?.();
  }
}

describe('Katamon.stream properties', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 20 }),
      fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 20 }),
      fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 1, maxLength: 10 }),
    ],
    { numRuns: 150 },
  )('samples start on tick boundaries; ticks due while sampling are dropped', async (I, N, percents, chunks) => {
    const s = createFakeScheduler();
    const durations = percents.map((p) => Math.floor((p * I) / 100));
    let calls = 0;
    const source: StatsSource = {
      name: 'cgroup-v2',
      probe: () => 'handle',
      collect: (_r, signal) =>
        new Promise((resolve, reject) => {
          const takes = durations[calls++ % durations.length] as number;
          const cancel = s.setTimer(takes, () => resolve({ stats: { pids: { current: 1n, limit: 0n } } }));
          signal?.addEventListener('abort', () => (cancel(), reject(new KatamonError('cancelled', 'aborted'))));
        }),
    };

    // The model: the next sample starts at the first boundary after the previous one that is not before
    // the previous sample's end (Go's ticker drops ticks nobody was ready for).
    const T = N * I;
    const expected: number[] = [];
    let started = 0;
    for (let k = 1, prevEnd = 0; ; k++) {
      while (k * I < prevEnd) k++;
      if (k * I > T) break;
      started += 1;
      prevEnd = k * I + (durations[(started - 1) % durations.length] as number);
      if (prevEnd > T) break;
      expected.push(k * I);
    }

    const ac = new AbortController();
    const items: StreamItem[] = [];
    const done = drain(katamon(s, source).stream(ref, { intervalMs: I, signal: ac.signal }), items);
    for (let elapsed = 0, c = 0; elapsed < T; c++) {
      const step = Math.min(chunks[c % chunks.length] as number, T - elapsed);
      await s.advance(step);
      elapsed += step;
    }
    const samples = items.flatMap((i) => (i.type === 'sample' ? [i.sample.timestamp] : []));
    expect(samples).toEqual(expected);
    expect(calls).toBe(started);
    ac.abort();
    await done;
    expect(items.at(-1)).toEqual({ type: 'end', id: 'c1', reason: 'cancelled' });
    expect(s.pendingTimers()).toBe(0);
  });

  test.prop(
    [
      fc.scheduler(),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.constantFrom('tick', 'step', 'step'), { maxLength: 40 }),
    ],
    { numRuns: 100 },
  )('subscribers share one collect per tick, whatever the order of answers and reads', async (order, n, actions) => {
    const I = 100;
    const s = createFakeScheduler();
    const collects: { start: number; end: number }[] = [];
    const source: StatsSource = {
      name: 'cgroup-v2',
      probe: () => 'handle',
      collect: () => {
        const record = { start: s.now(), end: Infinity };
        collects.push(record);
        return order.schedule(Promise.resolve({ stats: { pids: { current: 1n, limit: 0n } } }), 'collect').then((r) => {
          record.end = s.now();
          return r;
        });
      },
    };
    const k = katamon(s, source, 64);
    const ac = new AbortController();
    const readers = Array.from({ length: n }, (_, j) => {
      const items: StreamItem[] = [];
      const gate = () => order.schedule(Promise.resolve(), `read ${j}`);
      return { items, done: drain(k.stream(ref, { intervalMs: I, signal: ac.signal }), items, gate) };
    });
    for (const action of actions) {
      if (action === 'tick') await s.advance(I);
      else if (order.count() > 0) await order.waitOne();
    }
    await order.waitIdle();
    const finalTime = s.now();
    ac.abort();
    await order.waitIdle();
    await Promise.all(readers.map((r) => r.done));

    // One collect per tick for all subscribers: collects start on distinct boundaries and never overlap.
    collects.forEach((c, i) => {
      expect(c.start % I).toBe(0);
      expect(c.start).toBeGreaterThan(0);
      const previous = collects[i - 1];
      if (previous === undefined) return;
      expect(c.start).toBeGreaterThan(previous.start);
      expect(c.start).toBeGreaterThanOrEqual(previous.end);
    });
    // A boundary is sampled exactly when no sample was running across it.
    for (let b = I; b < finalTime; b += I) {
      const sampled = collects.some((c) => c.start === b);
      const busy = collects.some((c) => c.start < b && b < c.end);
      expect(sampled !== busy).toBe(true);
    }
    // Every subscriber saw every finished sample, in order, then `cancelled`.
    const finished = collects.filter((c) => c.end !== Infinity).map((c) => c.start);
    for (const r of readers) {
      expect(r.items.flatMap((i) => (i.type === 'sample' ? [i.sample.timestamp] : []))).toEqual(finished);
      expect(r.items.at(-1)).toEqual({ type: 'end', id: 'c1', reason: 'cancelled' });
    }
    expect(s.pendingTimers()).toBe(0);
  });

  test.prop(
    [
      fc.array(fc.constantFrom('ok', 'ok', 'io', 'timeout', 'vanished', 'gone'), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 14 }),
    ],
    { numRuns: 150 },
  )('a failed tick is reported and retried; the stream ends when the container is gone', async (script, ticks) => {
    const I = 50;
    const s = createFakeScheduler();
    let calls = 0;
    let alive = true;
    const source: StatsSource = {
      name: 'cgroup-v2',
      probe: () => 'handle',
      collect: (_r, signal) => {
        const step = script[calls++] ?? 'ok';
        if (step === 'ok') return Promise.resolve({ stats: { pids: { current: BigInt(calls), limit: 0n } } });
        if (step === 'io') return Promise.reject(new KatamonError('io', 'EIO'));
        if (step === 'gone') return Promise.reject(new KatamonError('gone', 'cgroup removed'));
        if (step === 'vanished') alive = false;
        // 'timeout' hangs past the deadline; 'vanished' fails and the resolver no longer sees the container.
        if (step === 'vanished') return Promise.reject(new KatamonError('unavailable', 'agent closed'));
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new KatamonError('cancelled', 'aborted'))),
        );
      },
    };
    const k = createKatamon({
      resolvers: [{ ...resolver, refresh: async (r: ContainerRef) => (alive ? r : undefined) }],
      sources: [source],
      scheduler: s,
      logger: silentLogger,
      sourceDeadlineMs: 20,
    });
    const items: StreamItem[] = [];
    const ac = new AbortController();
    const done = drain(k.stream(ref, { intervalMs: I, signal: ac.signal }), items);
    // Half an interval more: the last tick's timeout (20 ms) is over, the next tick not yet due.
    await s.advance(ticks * I + I / 2);
    ac.abort();
    await done;

    // The model: one step per tick (a 20 ms timeout fits inside the 50 ms interval, so no tick drops).
    const expected: string[] = [];
    for (const step of script.slice(0, ticks).concat(Array(Math.max(0, ticks - script.length)).fill('ok'))) {
      if (step === 'gone' || step === 'vanished') {
        expected.push('end:gone');
        break;
      }
      expected.push(step === 'ok' ? 'sample' : step === 'io' ? 'error:io' : 'error:timeout');
    }
    if (expected.at(-1) !== 'end:gone') expected.push('end:cancelled');
    const seen = items.map((i) =>
      i.type === 'error' ? `error:${i.kind}` : i.type === 'end' ? `end:${i.reason}` : i.type,
    );
    expect(seen).toEqual(expected);
    expect(s.pendingTimers()).toBe(0);
  });
});
