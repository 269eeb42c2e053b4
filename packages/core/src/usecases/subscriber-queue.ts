import type { StreamItem } from './katamon.js';

/** Items a subscriber may hold unread before the oldest are dropped. */
export const DEFAULT_SUBSCRIBER_QUEUE_LENGTH = 16;

export interface SubscriberQueue extends AsyncIterableIterator<StreamItem> {
  push(item: StreamItem): void;
  readonly closed: boolean;
}

/**
 * A bounded queue in front of one subscriber so a slow reader never blocks the shared sampler nor
 * grows memory. Overflow policy: drop the oldest unread item (never the final `end`) and report the
 * count on the next `sample` item delivered (`dropped`). `onClose` runs once when the consumer stops
 * reading (`return()`, e.g. `break`) or after it has read `end`.
 */
export function createSubscriberQueue(capacity: number, onClose: () => void): SubscriberQueue {
  const buffer: StreamItem[] = [];
  // Readers waiting for an item (more than one only if next() is called without awaiting).
  const waiters: ((result: IteratorResult<StreamItem>) => void)[] = [];
  let dropped = 0;
  let ending = false;
  let closed = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    buffer.length = 0;
    onClose();
  };
  const deliver = (item: StreamItem): IteratorResult<StreamItem> => {
    if (item.type === 'end') close();
    if (item.type === 'sample' && dropped > 0) {
      const reported = { ...item, dropped };
      dropped = 0;
      return { done: false, value: reported };
    }
    return { done: false, value: item };
  };

  const queue: SubscriberQueue = {
    push(item) {
      if (closed || ending) return;
      if (item.type === 'end') ending = true;
      const resolve = waiters.shift();
      if (resolve !== undefined) {
        resolve(deliver(item));
        if (item.type === 'end') for (const w of waiters.splice(0)) w({ done: true, value: undefined });
        return;
      }
      if (item.type !== 'end' && buffer.length >= capacity) {
        buffer.shift();
        dropped += 1;
      }
      buffer.push(item);
    },
    next() {
      const item = buffer.shift();
      if (item !== undefined) return Promise.resolve(deliver(item));
      if (closed) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => waiters.push(resolve));
    },
    return() {
      close();
      for (const w of waiters.splice(0)) w({ done: true, value: undefined });
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return queue;
    },
    get closed() {
      return closed;
    },
  };
  return queue;
}
