import type { Clock, ContainerRef } from '@katamon/core';
import { inMemoryKatamon } from '../testing/in-memory-katamon.js';
import { SampleCache } from './sample-cache.js';

const ref: ContainerRef = { id: 'a'.repeat(64), runtime: 'runc', resolver: 'memory', status: 'running' };

function world(maxAgeMs = 1000) {
  const memory = inMemoryKatamon([ref]);
  const clock: Clock & { t: number } = { t: Date.now(), now: () => clock.t };
  const cache = new SampleCache(memory.katamon, clock, maxAgeMs);
  return { cache, clock, reads: () => memory.collects.get(ref.id) ?? 0 };
}

describe(SampleCache, () => {
  it('a metrics-only sample serves scrapes but never a schema answer', async () => {
    const { cache, reads } = world();
    const metrics = await cache.sample(ref, 'metrics');
    expect(metrics.scope).toBe('metrics');
    expect(await cache.sample(ref, 'metrics')).toBe(metrics);
    expect(reads()).toBe(1);
    // /stats: not served from it, neither on the fast path nor the slow one.
    expect(cache.peekBody(ref, 'runc')).toBeUndefined();
    expect(cache.peekEvent(ref, 'runc')).toBeUndefined();
    const event = await cache.event(ref, 'runc');
    expect(reads()).toBe(2);
    expect(JSON.parse(event)).toMatchObject({ type: 'stats', id: ref.id });
    const complete = await cache.sample(ref);
    expect(complete.scope).toBeUndefined();
  });

  it('a complete sample serves scrapes too, and a later metrics read never replaces it', async () => {
    const { cache, reads } = world();
    const complete = await cache.sample(ref);
    expect(await cache.sample(ref, 'metrics')).toBe(complete);
    expect(reads()).toBe(1);
    expect(cache.peekBody(ref, 'kata')).toBeDefined();
  });

  it('concurrent scrapes share one read, and share a complete read in flight', async () => {
    const { cache, reads, clock } = world();
    const [a, b] = await Promise.all([cache.sample(ref, 'metrics'), cache.sample(ref, 'metrics')]);
    expect(a).toBe(b);
    expect(reads()).toBe(1);
    clock.t += 5000; // both stale now
    const [complete, scrape] = await Promise.all([cache.sample(ref), cache.sample(ref, 'metrics')]);
    expect(scrape).toBe(complete);
    expect(complete.scope).toBeUndefined();
    expect(reads()).toBe(2);
  });

  it('a stream tick (put) of a complete sample serves the next /stats without a read', async () => {
    const { cache, reads } = world();
    await cache.sample(ref, 'metrics');
    const tick = await cache.sample(ref); // what a stream hands to put()
    cache.put({ ...tick, timestamp: tick.timestamp + 1 });
    expect(cache.peekBody(ref, 'runc')).toBeDefined();
    expect(reads()).toBe(2);
  });
});
