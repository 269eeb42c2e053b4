import { monotonicMs } from './latin1-and-clock.js';
import type { WriteWatch, WriteWatchSink } from './write-watch.js';

/** Which files a reader keeps instead of re-reading (see `PseudoFileReaderOptions.staticFiles`). */
export interface StaticFilesOptions {
  /** > 0: static files are kept this long, ms (a change shows up at most this late). */
  refreshMs: number;
  isStatic(path: string): boolean;
  /**
   * With `refreshMs` 0: the files kept until a write to them is seen (a {@link WriteWatch} on their
   * directory), so a change shows up at the next read. Only files nothing but a write changes.
   */
  untilWritten?(path: string): boolean;
  /**
   * With `untilWritten`: look for writes at most this often, ms (default 0: at every sync, one system call
   * each). A write then shows in every read that starts this long after it; a fleet sweep that samples
   * many containers within this window pays for one look instead of one per container.
   */
  writeCheckMs?: number;
}

/** The reader's side of a write watch report. */
export interface ReaderHooks {
  replaced(path: string): void;
  gone(dir: string): void;
}

/**
 * The static files of a reader: which paths are static (the predicate, memoised per path) and the text each
 * was last read with, kept for `refreshMs`, or until a write to it when a write watch is there. At most `cap`
 * paths of each.
 */
export class KeptFiles implements WriteWatchSink {
  readonly #refreshMs: number;
  readonly #isStatic: ((path: string) => boolean) | undefined;
  /** Opens the write watch; defined in the until-written mode. */
  readonly #openWatch: (() => WriteWatch | undefined) | undefined;
  /** The watch once opened (null: it could not be). */
  #watch: WriteWatch | null | undefined;
  /** Syncs so far: the watch opens at the second (a one-shot sample never loads the addon for it). */
  #syncs = 0;
  /** See StaticFilesOptions.writeCheckMs; when the watch was last drained. */
  readonly #checkMs: number;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #epoch = 0;
  readonly #kind = new Map<string, boolean>();
  readonly #kept = new Map<string, { text: string; until: number }>();
  readonly #cap: number;

  /** What the reader does when a watch reports a file replaced or a directory gone (drops descriptors). */
  readonly #reader: ReaderHooks;

  constructor(
    options: StaticFilesOptions | undefined,
    cap: number,
    watch: () => WriteWatch | undefined,
    reader: ReaderHooks,
  ) {
    this.#reader = reader;
    const refreshMs = options?.refreshMs ?? 0;
    this.#refreshMs = Number.isFinite(refreshMs) && refreshMs > 0 ? refreshMs : 0;
    this.#cap = cap;
    const checkMs = options?.writeCheckMs ?? 0;
    this.#checkMs = Number.isFinite(checkMs) && checkMs > 0 ? checkMs : 0;
    if (this.#refreshMs > 0) {
      this.#isStatic = options?.isStatic;
    } else {
      this.#isStatic = options?.untilWritten;
      if (this.#isStatic !== undefined) this.#openWatch = watch;
    }
  }

  /** The write watch in the until-written mode from the second sync on; opened on first use. */
  #watchNow(): WriteWatch | undefined {
    if (this.#openWatch === undefined || this.#syncs < 2) return undefined;
    if (this.#watch === undefined) this.#watch = this.#openWatch() ?? null;
    return this.#watch ?? undefined;
  }

  /**
   * Grows whenever a kept text may have gone (a write seen, a directory forgotten): a value derived from kept
   * texts stays valid while this is the same. NaN with `refreshMs` (texts expire by time), so never equal.
   */
  get epoch(): number {
    return this.#refreshMs > 0 ? Number.NaN : this.#epoch;
  }

  /** Whether `path` is a static file (never, when neither a refresh nor a write watch is set). */
  isStatic(path: string): boolean {
    const isStatic = this.#isStatic;
    // No watch to be had (an addon without it, or the kernel refused): nothing is kept, so nothing is
    // static, and the files join the batch plans.
    if (isStatic === undefined || this.#watch === null) return false;
    let kind = this.#kind.get(path);
    if (kind === undefined) {
      kind = isStatic(path);
      if (this.#kind.size < this.#cap) this.#kind.set(path, kind);
    }
    return kind;
  }

  /**
   * Forgets the kept files written since the last look (one system call; none without a watch, nor within
   * `writeCheckMs` of the last look).
   */
  sync(): void {
    this.#syncs++;
    const watch = this.#watch;
    if (!watch?.watching) return;
    if (this.#checkMs > 0) {
      const now = monotonicMs();
      if (now - this.#checkedAt < this.#checkMs) return;
      this.#checkedAt = now;
    }
    watch.drain(this);
  }

  /** The kept text of `path` while it is younger than `refreshMs`, or not written since. */
  get(path: string, now: number): string | undefined {
    const kept = this.#kept.get(path);
    return kept !== undefined && now < kept.until ? kept.text : undefined;
  }

  /**
   * Call before reading `path` to keep it: watches its directory first, so a write landing between the read
   * and {@link keep} is reported by the next {@link sync}.
   */
  arm(path: string): void {
    if (this.#kept.size < this.#cap) this.#watchDirOf(path);
  }

  /** Whether writes to `path`'s directory are watched (a watch is added when there is none yet). */
  #watchDirOf(path: string): boolean {
    return this.#watchNow()?.watch(path.slice(0, path.lastIndexOf('/'))) === true;
  }

  keep(path: string, text: string, now: number): void {
    if (this.#kept.size >= this.#cap) return;
    if (this.#refreshMs > 0) {
      this.#kept.set(path, { text, until: now + this.#refreshMs });
      return;
    }
    // Until written: only with a watch on the directory, added before the read (see arm).
    if (this.#watchDirOf(path)) this.#kept.set(path, { text, until: Infinity });
  }

  written(path: string): void {
    this.#epoch++;
    this.#kept.delete(path);
  }

  replaced(path: string): void {
    this.#epoch++;
    this.#kept.delete(path);
    this.#reader.replaced(path);
  }

  gone(dir: string): void {
    this.#epoch++;
    this.#reader.gone(dir);
  }

  overflow(): void {
    this.#epoch++;
    this.#kept.clear();
  }

  /** Forgets the paths under `prefix` (a directory with its trailing slash), or every path. */
  forget(prefix?: string): void {
    this.#epoch++;
    if (prefix === undefined) {
      this.#watch?.unwatch('/');
      this.#kept.clear();
      this.#kind.clear();
    } else this.#forgetKept(prefix);
  }

  /** Stops watching (the reader closes). */
  close(): void {
    this.#watch?.close();
    this.#watch = undefined;
  }

  #forgetKept(prefix: string): void {
    this.#watch?.unwatch(prefix);
    for (const path of [...this.#kept.keys()]) if (path.startsWith(prefix)) this.#kept.delete(path);
  }
}
