import { isLive, refKey, type ContainerRef, type Katamon, type StreamItem } from '@katamon/core';

export interface WatchAllOptions {
  katamon: Katamon;
  refs: readonly ContainerRef[];
  intervalMs: number;
  /** Aborted by SIGINT/SIGTERM or a closed stdout: ends everything. */
  signal: AbortSignal;
  /** Prints one item; a throw ends the whole stream with that error. */
  onItem(item: StreamItem): void;
  /** True once output can no longer be written (a closed pipe). */
  stopped(): boolean;
  /**
   * `--all`: the container list is read again every `everyMs`, and containers that appear (or come back
   * with a new init process) join the stream. It then runs until the signal aborts or output stops, even
   * with no container left, as `docker stats` does.
   */
  follow?: { list(): Promise<ContainerRef[]>; everyMs: number; onListError(error: unknown): void };
}

/**
 * One interleaved stream of several containers: each item is printed from its sampler's own tick (stdout
 * writes are synchronous), with no queue and no promise per event. Settles when every container's stream
 * has ended (unless following), or at once when the signal aborts or output stops; every subscription and
 * timer is dropped then.
 */
export function watchAll(options: WatchAllOptions): Promise<void> {
  const { katamon, intervalMs, signal, follow } = options;
  return new Promise((resolve, reject) => {
    /** Watched container (its key: ids may repeat across namespaces) → its unsubscribe. */
    const active = new Map<string, () => void>();
    /** Init pid of a container whose stream ended: the same process listed again is not a new container. */
    const ended = new Map<string, number | undefined>();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      for (const unsubscribe of active.values()) unsubscribe();
      active.clear();
      if (error !== undefined) reject(error);
      else resolve();
    };
    const onAbort = (): void => settle();

    const watch = (ref: ContainerRef): void => {
      const key = refKey(ref);
      if (settled || active.has(key)) return;
      if (ended.has(key) && ended.get(key) === ref.pid) return;
      ended.delete(key);
      // Held before watch() returns: an already aborted signal delivers `end` from inside the call.
      active.set(key, () => undefined);
      const unsubscribe = katamon.watch(ref, { intervalMs, signal, oom: true }, (item) => {
        if (settled) return;
        if (signal.aborted) return settle();
        try {
          options.onItem(item);
        } catch (error) {
          return settle(error);
        }
        if (item.type === 'end') {
          active.delete(key);
          ended.set(key, ref.pid);
          if (follow === undefined && active.size === 0) return settle();
        }
        if (options.stopped()) settle();
      });
      if (active.has(key)) active.set(key, unsubscribe);
    };

    const rediscover = async (): Promise<void> => {
      if (follow === undefined) return;
      try {
        const refs = await follow.list();
        for (const ref of refs) if (isLive(ref)) watch(ref);
      } catch (error) {
        follow.onListError(error);
      }
      if (!settled) timer = setTimeout(() => void rediscover(), follow.everyMs);
    };

    if (signal.aborted) return settle();
    signal.addEventListener('abort', onAbort, { once: true });
    for (const ref of options.refs) watch(ref);
    if (follow !== undefined && !settled) timer = setTimeout(() => void rediscover(), follow.everyMs);
    else if (active.size === 0) settle();
  });
}
