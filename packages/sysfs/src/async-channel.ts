/**
 * A single-consumer push queue exposed as an AsyncIterable: watchers push from timers and fs.watch
 * callbacks, the consumer pulls with `for await`. `end()` finishes the iteration after queued values;
 * `onReturn` runs once when the consumer stops early or the channel ends (release timers, watchers).
 */
export class AsyncChannel<T> implements AsyncIterable<T> {
  readonly #queue: T[] = [];
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #ended = false;
  #cleanup: (() => void) | undefined;

  constructor(onReturn?: () => void) {
    this.#cleanup = onReturn;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(value: T): void {
    if (this.#ended) return;
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      waiting({ value, done: false });
    } else {
      this.#queue.push(value);
    }
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#runCleanup();
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#queue.length > 0)
          return Promise.resolve({
            value: this.#queue.shift() as T,
            done: false,
          });
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.#waiting = resolve;
        });
      },
      return: () => {
        this.#queue.length = 0;
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  #runCleanup(): void {
    const cleanup = this.#cleanup;
    this.#cleanup = undefined;
    cleanup?.();
  }
}
