import {
  refKey,
  type Clock,
  type ContainerRef,
  type Katamon,
  type Sample,
  type SampleScope,
  type SchemaName,
} from '@katamon/core';
import { sampleEventJson } from '../streams/stream-frame.js';

interface Entry {
  sample: Sample;
  /** Encoded events per schema, made on first use. */
  encoded: Partial<Record<SchemaName, string>>;
  /** `/stats` answers per schema (event + newline, with their response headers), made on first use. */
  bodies: Partial<Record<SchemaName, StatsBody>>;
}

/** A ready `/stats` answer: encoded once per sample and schema, then written as is by every request. */
export interface StatsBody {
  /** The event JSON and its trailing newline: the bytes `katamon events --stats` prints. */
  readonly body: string;
  /** Flat raw header list for `ServerResponse.writeHead` (content-type, content-length). */
  readonly headers: readonly string[];
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function statsBody(json: string): StatsBody {
  const body = `${json}\n`;
  return { body, headers: ['content-type', JSON_CONTENT_TYPE, 'content-length', String(Buffer.byteLength(body))] };
}

/**
 * Samples younger than `maxAgeMs` are served again instead of re-reading the kernel: scrapes and
 * one-shots reuse what a stream (or an earlier request) just read. Concurrent misses share one read.
 *
 * A scrape asks for scope `metrics` (only the files cAdvisor's families need, see SampleScope). Such a
 * sample serves later scrapes but never a schema answer (`/stats`, events): those need a complete sample,
 * and read one when the cached sample is metrics-only. A complete sample serves both.
 */
export class SampleCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads in flight: complete ones, and metrics-only ones. */
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly inflightMetrics = new Map<string, Promise<Entry>>();

  constructor(
    private readonly katamon: Katamon,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
    /** Bound on remembered containers, so ids churning through the cache cannot grow it forever. */
    private readonly maxEntries = 10_000,
  ) {}

  put(sample: Sample): void {
    // Keyed by container (engine, namespace, id): ids may repeat across containerd namespaces.
    const key = refKey(sample);
    const current = this.entries.get(key);
    if (current !== undefined && current.sample.timestamp > sample.timestamp) return;
    this.remember(key, { sample, encoded: {}, bodies: {} });
  }

  /** A fresh sample of `ref`: a complete one, or for scope `metrics` possibly a metrics-only one. */
  async sample(ref: ContainerRef, scope: SampleScope = 'all'): Promise<Sample> {
    return (await this.entry(ref, scope)).sample;
  }

  /** The encoded `stats` event of a fresh sample. */
  async event(ref: ContainerRef, schema: SchemaName): Promise<string> {
    const entry = await this.entry(ref);
    return (entry.encoded[schema] ??= sampleEventJson(entry.sample, schema));
  }

  /**
   * The encoded event when a fresh sample is cached, without a promise (the hot path of `/stats`). Past half
   * its age the sample is re-read in the background, so steady polling rarely waits for the kernel.
   */
  peekEvent(ref: ContainerRef, schema: SchemaName): string | undefined {
    const cached = this.peekEntry(ref);
    return cached === undefined ? undefined : (cached.encoded[schema] ??= sampleEventJson(cached.sample, schema));
  }

  /** The whole `/stats` answer (body + headers) of a fresh sample, without a promise or a new string per request. */
  peekBody(ref: ContainerRef, schema: SchemaName): StatsBody | undefined {
    const cached = this.peekEntry(ref);
    if (cached === undefined) return undefined;
    return (cached.bodies[schema] ??= statsBody((cached.encoded[schema] ??= sampleEventJson(cached.sample, schema))));
  }

  private peekEntry(ref: ContainerRef): Entry | undefined {
    const key = refKey(ref);
    const cached = this.entries.get(key);
    if (cached === undefined || cached.sample.scope === 'metrics') return undefined;
    const age = this.clock.now() - cached.sample.timestamp;
    if (age >= this.maxAgeMs) return undefined;
    if (age >= this.maxAgeMs / 2 && !this.inflight.has(key)) {
      this.read(ref).catch(() => undefined); // the next request that misses reports the error
    }
    return cached;
  }

  forget(ref: ContainerRef): void {
    this.entries.delete(refKey(ref));
  }

  private fresh(ref: ContainerRef, scope: SampleScope): Entry | undefined {
    const cached = this.entries.get(refKey(ref));
    return cached !== undefined &&
      this.clock.now() - cached.sample.timestamp < this.maxAgeMs &&
      (scope === 'metrics' || cached.sample.scope !== 'metrics')
      ? cached
      : undefined;
  }

  private entry(ref: ContainerRef, scope: SampleScope = 'all'): Promise<Entry> {
    const cached = this.fresh(ref, scope);
    return cached !== undefined ? Promise.resolve(cached) : this.read(ref, scope);
  }

  private read(ref: ContainerRef, scope: SampleScope = 'all'): Promise<Entry> {
    // A complete read in flight serves a metrics request too.
    const key = refKey(ref);
    const pending = this.inflight.get(key) ?? (scope === 'metrics' ? this.inflightMetrics.get(key) : undefined);
    if (pending !== undefined) return pending;
    const inflight = scope === 'metrics' ? this.inflightMetrics : this.inflight;
    const read = this.katamon
      .sample(ref, undefined, scope)
      .then((sample) => {
        const entry: Entry = { sample, encoded: {}, bodies: {} };
        // A metrics-only sample never replaces a complete one that is as recent.
        const current = this.entries.get(key);
        if (sample.scope !== 'metrics' || current === undefined || current.sample.timestamp < sample.timestamp) {
          this.remember(key, entry);
        }
        return entry;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, read);
    return read;
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
