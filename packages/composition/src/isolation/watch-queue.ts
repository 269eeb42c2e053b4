/** Items of one OOM watch as they arrive from a worker, read as an async iterable. */
export interface WatchQueue {
  push(item: unknown): void;
  /** No more items; with an error, the reader's loop throws it. */
  end(error?: Error): void;
  readonly items: AsyncIterable<unknown>;
}

/** OOM kills are rare: a reader this far behind has stopped reading, and older items are dropped. */
const MAX_QUEUED = 1024;

/**
 * A queue whose reader waits for items. `stop` runs once when the reader leaves early or `signal` aborts
 * (the worker's watch is cancelled then); an aborted watch ends without an error.
 */
export function createWatchQueue(stop: () => void, signal: AbortSignal): WatchQueue {
  const queued: unknown[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const finish = (error?: Error): void => {
    if (ended) return;
    ended = true;
    failure = error;
    notify();
  };
  const onAbort = (): void => {
    stop();
    finish();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  async function* read(): AsyncGenerator<unknown> {
    try {
      for (;;) {
        while (queued.length > 0) yield queued.shift();
        if (ended) {
          if (failure !== undefined) throw failure;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (!ended) stop();
      ended = true;
    }
  }
  if (signal.aborted) onAbort();
  return {
    push(item) {
      if (ended) return;
      if (queued.length >= MAX_QUEUED) queued.shift();
      queued.push(item);
      notify();
    },
    end: finish,
    items: { [Symbol.asyncIterator]: read },
  };
}
