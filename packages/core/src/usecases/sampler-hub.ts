import type { ContainerRef } from '../ports/container-ref.js';
import { KatamonError } from '../errors/katamon-error.js';
import { refKey } from '../identity/container-names.js';
import { onAbort } from './on-abort.js';
import type { StreamItem, StreamOptions } from './katamon.js';
import { startSampler, type Sampler, type SamplerDeps } from './start-sampler.js';
import { createSubscriberQueue, DEFAULT_SUBSCRIBER_QUEUE_LENGTH, type SubscriberQueue } from './subscriber-queue.js';

interface Subscriber {
  /** Takes one item: into a queue (stream) or straight to a callback (watch). */
  push(item: StreamItem): void;
  oom: boolean;
  /** Takes it out of the sampler (which stops when it was the last one) and off the signal. */
  leave(): void;
}

interface Entry {
  ref: ContainerRef;
  sampler: Sampler;
  subscribers: Set<Subscriber>;
}

export interface SamplerHubOptions extends SamplerDeps {
  queueLength?: number;
  /** Called once per sampler after it stopped (to release the sources' descriptors). */
  onSamplerStopped?(ref: ContainerRef): void;
}

export interface SamplerHub {
  subscribe(ref: ContainerRef, options: StreamOptions): AsyncIterable<StreamItem>;
  /** The same items to a callback, as they happen (see `Katamon.watch`); returns the unsubscribe. */
  watch(ref: ContainerRef, options: StreamOptions, onItem: (item: StreamItem) => void): () => void;
  /** Number of running samplers (one per container and interval). */
  size(): number;
  /** Whether a sampler of this container (same engine, namespace and id) runs at any interval. */
  has(ref: ContainerRef): boolean;
  /** End every stream with `cancelled` and stop every sampler. */
  stopAll(): void;
}

/**
 * One sampler per (container, interval), shared by every subscriber and reference-counted: the
 * first subscriber starts it, the last one leaving stops it. Each stream subscriber reads through its own
 * bounded queue (see {@link createSubscriberQueue}) so a slow one never delays the others; a watch
 * subscriber gets each item in a call, from the sampler's own tick.
 */
export function createSamplerHub(options: SamplerHubOptions): SamplerHub {
  const entries = new Map<string, Entry>();
  const capacity = options.queueLength ?? DEFAULT_SUBSCRIBER_QUEUE_LENGTH;

  const open = (ref: ContainerRef, intervalMs: number): Entry => {
    // Ids may repeat across containerd namespaces and engines: the container is its key, not its id.
    const key = `${refKey(ref)}\u0000${intervalMs}`;
    const existing = entries.get(key);
    if (existing !== undefined && !existing.sampler.ended) return existing;
    const subscribers = new Set<Subscriber>();
    const entry = { ref, subscribers } as Entry;
    entries.set(key, entry);
    entry.sampler = startSampler(ref, intervalMs, options, (item) => {
      if (item.type === 'end') {
        if (entries.get(key) === entry) entries.delete(key);
        options.onSamplerStopped?.(ref);
      }
      // Deleting while iterating a Set is safe; a push never subscribes anyone synchronously.
      for (const sub of subscribers) {
        if (item.type === 'oom' && !sub.oom) continue;
        try {
          sub.push(item);
        } catch (error) {
          // A callback that throws must not stop the sampler or the other subscribers: it is dropped.
          options.logger.error('stream subscriber failed and was removed', { id: ref.id, error: String(error) });
          sub.leave();
        }
      }
    });
    return entry;
  };

  /**
   * Joins `push` to the sampler of (ref, interval); returns `leave`. `push` gets `end` (cancelled) when the
   * signal aborts; nothing is joined when it already has.
   */
  const join = (ref: ContainerRef, streamOptions: StreamOptions, push: (item: StreamItem) => void): (() => void) => {
    const { intervalMs, signal } = streamOptions;
    const joined: { entry?: Entry; sub?: Subscriber; unlisten?: () => void } = {};
    const leave = (): void => {
      joined.unlisten?.();
      const { entry, sub } = joined;
      if (entry === undefined || sub === undefined) return;
      joined.sub = undefined;
      entry.subscribers.delete(sub);
      if (entry.subscribers.size === 0) entry.sampler.stop('cancelled');
    };
    if (signal?.aborted) {
      push({ type: 'end', id: ref.id, reason: 'cancelled' });
      return leave;
    }
    const entry = open(ref, intervalMs);
    const sub: Subscriber = { push, oom: streamOptions.oom !== false, leave };
    Object.assign(joined, { entry, sub });
    entry.subscribers.add(sub);
    if (sub.oom) entry.sampler.watchOom();
    if (signal !== undefined) {
      joined.unlisten = onAbort(signal, () => {
        if (joined.sub === undefined) return;
        push({ type: 'end', id: ref.id, reason: 'cancelled' });
        leave();
      });
    }
    return leave;
  };

  const subscribe = (ref: ContainerRef, streamOptions: StreamOptions): SubscriberQueue => {
    let leave = (): void => undefined;
    const queue = createSubscriberQueue(capacity, () => leave());
    leave = join(ref, streamOptions, (item) => queue.push(item));
    return queue;
  };

  return {
    subscribe(ref, streamOptions) {
      checkInterval(streamOptions.intervalMs);
      // Nothing starts until someone iterates: an unread stream holds no timer.
      return { [Symbol.asyncIterator]: () => subscribe(ref, streamOptions) };
    },
    watch(ref, streamOptions, onItem) {
      checkInterval(streamOptions.intervalMs);
      const state: { done: boolean; leave?: () => void } = { done: false };
      const deliver = (item: StreamItem): void => {
        if (state.done) return;
        // After `end` nothing more comes, and the subscription is over.
        if (item.type === 'end') {
          state.done = true;
          state.leave?.();
        }
        onItem(item);
      };
      const leave = join(ref, streamOptions, deliver);
      state.leave = leave;
      return () => {
        if (state.done) return;
        state.done = true;
        leave();
      };
    },
    size: () => entries.size,
    has: (ref) => [...entries.values()].some((e) => refKey(e.ref) === refKey(ref)),
    stopAll() {
      for (const entry of [...entries.values()]) entry.sampler.stop('cancelled');
    },
  };
}

function checkInterval(intervalMs: unknown): void {
  if (!(typeof intervalMs === 'number' && Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw new KatamonError('invalid-argument', 'duration interval must be greater than 0');
  }
}
