/**
 * The static files of a reader (see `PseudoFileReaderOptions.staticFiles`): which paths are static (the
 * predicate, memoised per path) and the text each was last read with, kept for `refreshMs`. At most `cap`
 * paths of each.
 */
export class KeptFiles {
  readonly #refreshMs: number;
  readonly #isStatic: ((path: string) => boolean) | undefined;
  readonly #kind = new Map<string, boolean>();
  readonly #kept = new Map<string, { text: string; until: number }>();
  readonly #cap: number;

  constructor(
    options: { refreshMs: number; isStatic(path: string): boolean } | undefined,
    cap: number,
  ) {
    const refreshMs = options?.refreshMs ?? 0;
    this.#refreshMs =
      Number.isFinite(refreshMs) && refreshMs > 0 ? refreshMs : 0;
    this.#isStatic = this.#refreshMs > 0 ? options?.isStatic : undefined;
    this.#cap = cap;
  }

  /** Whether `path` is a static file (never, when no refresh is set). */
  isStatic(path: string): boolean {
    const isStatic = this.#isStatic;
    if (isStatic === undefined) return false;
    let kind = this.#kind.get(path);
    if (kind === undefined) {
      kind = isStatic(path);
      if (this.#kind.size < this.#cap) this.#kind.set(path, kind);
    }
    return kind;
  }

  /** The kept text of `path` while it is younger than `refreshMs`. */
  get(path: string, now: number): string | undefined {
    const kept = this.#kept.get(path);
    return kept !== undefined && now < kept.until ? kept.text : undefined;
  }

  keep(path: string, text: string, now: number): void {
    if (this.#kept.size < this.#cap)
      this.#kept.set(path, { text, until: now + this.#refreshMs });
  }

  /** Forgets the paths under `prefix` (a directory with its trailing slash), or every path. */
  forget(prefix?: string): void {
    if (prefix === undefined) {
      this.#kept.clear();
      this.#kind.clear();
    } else
      for (const path of [...this.#kept.keys()])
        if (path.startsWith(prefix)) this.#kept.delete(path);
  }
}
