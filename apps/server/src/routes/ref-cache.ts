import type { Clock, ContainerRef, Katamon } from '@katamon/core';

/**
 * Resolutions younger than `maxAgeMs` are reused, so a client polling `/stats` does not re-read the
 * runtime's state directory per request. Failures are never cached: a new container shows up at once.
 */
export class RefCache {
  private readonly entries = new Map<string, { ref: ContainerRef; at: number }>();
  private listed: { refs: ContainerRef[]; at: number } | undefined;
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly katamon: Katamon,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /**
   * A cached resolution still within the max age, without a promise. Past half its age it is re-resolved in the
   * background (as the sample cache refreshes samples), so steady polling of `/stats` keeps hitting; a failed
   * re-resolution drops the entry, so the next request resolves again and reports the error.
   */
  peek(query: string): ContainerRef | undefined {
    const hit = this.entries.get(query);
    if (hit === undefined) return undefined;
    const age = this.clock.now() - hit.at;
    if (age >= this.maxAgeMs) return undefined;
    if (age >= this.maxAgeMs / 2 && !this.refreshing.has(query)) this.refresh(query);
    return hit.ref;
  }

  private refresh(query: string): void {
    this.refreshing.add(query);
    void this.load(query)
      .catch(() => this.entries.delete(query))
      .finally(() => this.refreshing.delete(query));
  }

  async resolve(query: string): Promise<ContainerRef> {
    const hit = this.entries.get(query);
    if (hit !== undefined && this.clock.now() - hit.at < this.maxAgeMs) return hit.ref;
    return this.load(query);
  }

  private async load(query: string): Promise<ContainerRef> {
    const now = this.clock.now();
    const ref = await this.katamon.resolve(query);
    if (this.maxAgeMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(query, { ref, at: now });
    }
    return ref;
  }

  /** Every container, reused for `maxAgeMs`: a scrape of N containers need not re-read N state files. */
  async list(): Promise<ContainerRef[]> {
    const now = this.clock.now();
    if (this.listed !== undefined && now - this.listed.at < this.maxAgeMs) return this.listed.refs;
    const refs = await this.katamon.list();
    this.listed = { refs, at: now };
    return refs;
  }
}
