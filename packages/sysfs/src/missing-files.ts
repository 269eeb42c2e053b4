import { monotonicMs } from './latin1-and-clock.js';

/**
 * Paths a reader found missing, remembered for `ttlMs` (0: never), at most `cap` of them: optional kernel
 * files that are absent stay absent for a while, and a failed open costs an exception.
 */
export class MissingFiles {
  readonly #until = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    readonly cap: number,
  ) {}

  /** Whether `path` was found missing less than `ttlMs` ago. */
  has(path: string): boolean {
    if (this.ttlMs <= 0) return false;
    const until = this.#until.get(path);
    if (until === undefined) return false;
    if (monotonicMs() < until) return true;
    this.#until.delete(path);
    return false;
  }

  add(path: string): void {
    if (this.ttlMs > 0 && this.#until.size < this.cap) this.#until.set(path, monotonicMs() + this.ttlMs);
  }

  /** Forgets the paths under `prefix` (a directory with its trailing slash), or every path. */
  forget(prefix?: string): void {
    if (prefix === undefined) this.#until.clear();
    else for (const path of [...this.#until.keys()]) if (path.startsWith(prefix)) this.#until.delete(path);
  }
}
