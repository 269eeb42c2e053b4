import { fc, test } from '@fast-check/vitest';
import type { StreamItem } from './katamon.js';
import { createSubscriberQueue } from './subscriber-queue.js';

const sample = (n: number): StreamItem => ({
  type: 'sample',
  sample: { id: 'c', timestamp: n, stats: {}, sources: [], issues: [] },
});
const end: StreamItem = { type: 'end', id: 'c', reason: 'gone' };

describe(createSubscriberQueue, () => {
  it('hands a pushed item to a waiting reader, and ends after `end`', async () => {
    const onClose = vi.fn();
    const q = createSubscriberQueue(4, onClose);
    const pending = q.next();
    q.push(sample(1));
    await expect(pending).resolves.toEqual({ done: false, value: sample(1) });
    q.push(end);
    q.push(sample(2));
    await expect(q.next()).resolves.toEqual({ done: false, value: end });
    expect(onClose).toHaveBeenCalledTimes(1);
    await expect(q.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('drops the oldest unread items on overflow and reports the count on the next sample', async () => {
    const q = createSubscriberQueue(2, () => undefined);
    for (let i = 1; i <= 5; i++) q.push(sample(i));
    q.push(end);
    const read: StreamItem[] = [];
    for await (const item of q) read.push(item);
    expect(read).toEqual([{ ...sample(4), dropped: 3 }, sample(5), end]);
  });

  it('serves reads that were not awaited in order, and ends the extra ones after `end`', async () => {
    const q = createSubscriberQueue(4, () => undefined);
    const reads = [q.next(), q.next(), q.next()];
    q.push(sample(1));
    q.push(end);
    expect(await Promise.all(reads)).toEqual([
      { done: false, value: sample(1) },
      { done: false, value: end },
      { done: true, value: undefined },
    ]);
  });

  it('return() ends a pending read and closes once', async () => {
    const onClose = vi.fn();
    const q = createSubscriberQueue(2, onClose);
    const pending = q.next();
    await q.return?.();
    await q.return?.();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(onClose).toHaveBeenCalledTimes(1);
    q.push(sample(1));
    await expect(q.next()).resolves.toMatchObject({ done: true });
  });

  test.prop([fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { maxLength: 60 })])(
    'keeps at most `capacity` unread items and accounts for every dropped one',
    async (capacity, ops) => {
      const q = createSubscriberQueue(capacity, () => undefined);
      let pushed = 0;
      let last = -1;
      let accounted = 0;
      const take = (item: StreamItem): void => {
        const s = item as Extract<StreamItem, { type: 'sample' }>;
        // Every item is either delivered in order or counted as dropped right before the next delivery.
        expect(s.sample.timestamp).toBe(last + 1 + (s.dropped ?? 0));
        last = s.sample.timestamp;
        accounted = last + 1;
      };
      for (const isPush of ops) {
        if (isPush) q.push(sample(pushed++));
        else if (accounted < pushed) take((await q.next()).value as StreamItem);
      }
      q.push(end);
      let drained = 0;
      for await (const item of q) {
        if (item.type !== 'sample') continue;
        take(item);
        drained += 1;
      }
      expect(drained).toBeLessThanOrEqual(capacity);
      // Items dropped after the last delivery are never reported; all others are.
      expect(accounted).toBeLessThanOrEqual(pushed);
      if (pushed > 0 && drained > 0) expect(last).toBe(pushed - 1);
    },
  );
});
