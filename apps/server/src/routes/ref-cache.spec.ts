import { inMemoryKatamon, ref } from '../testing/in-memory-katamon.js';
import { waitUntil } from '@katamon/core-testing';
import { RefCache } from './ref-cache.js';

// The background re-resolution ends on its own schedule: wait for what it must show.
const settled = (what: string, done: () => boolean) => waitUntil(() => (done() ? true : undefined), { what });

describe('RefCache', () => {
  it('re-resolves in the background past half the max age, and drops an entry whose re-resolution fails', async () => {
    const world = inMemoryKatamon([ref('abc111'), ref('def222')]);
    let now = 0;
    const cache = new RefCache(world.katamon, { now: () => now }, 1000);
    expect((await cache.resolve('abc')).id).toBe('abc111');
    now = 400;
    expect(cache.peek('abc')?.status).toBe('running');

    // Past half the age: still answered from the cache, refreshed behind it (the new status shows up).
    world.refs[0] = ref('abc111', 'stopped');
    now = 600;
    expect(cache.peek('abc')?.status).toBe('running');
    await settled('the refreshed status', () => cache.peek('abc')?.status === 'stopped');
    expect(cache.peek('abc')?.status).toBe('stopped');

    // Refreshed at 600: fresh until 1600. A failed refresh (gone) drops it, so the next request resolves and fails.
    world.refs.splice(0, 1);
    now = 1200;
    expect(cache.peek('abc')).toBeDefined();
    await settled('the failed refresh to drop the entry', () => cache.peek('abc') === undefined);
    expect(cache.peek('abc')).toBeUndefined();
    await expect(cache.resolve('abc')).rejects.toThrow();
    await world.katamon.close();
  });
});
