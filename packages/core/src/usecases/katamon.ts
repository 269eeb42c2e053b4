import type { ContainerRef } from '../ports/container-ref.js';
import type { Sample } from '../model/event.js';
import type { SampleScope } from '../ports/stats-source.js';
import type { ErrorKind } from '../errors/katamon-error.js';
import type { HostProbeReport } from '../plugin/host-probe.js';

/** Why a stream ended. */
export type StreamEndReason = 'gone' | 'cancelled';

/** One item of an interval stream. */
export type StreamItem =
  | {
      type: 'sample';
      sample: Sample;
      /** Items this subscriber lost since its previous `sample` because it read too slowly (absent when none). */
      dropped?: number;
    }
  /** The kernel OOM-killed a process in the container (runc's `oom` event). */
  | { type: 'oom'; id: string }
  /** This tick's sample failed; nothing is printed for it and the next tick retries (runc/kata semantics). */
  | { type: 'error'; id: string; kind: ErrorKind; message: string }
  /** Last item: the container went away, or the caller cancelled. No timers remain after it. */
  | { type: 'end'; id: string; reason: StreamEndReason };

export interface StreamOptions {
  /** Interval in ms (> 0). The first sample comes after one interval, as kata/runc do; missed ticks are dropped. */
  intervalMs: number;
  /** Ends the stream with reason `cancelled`. */
  signal?: AbortSignal;
  /** Also watch for OOM kills (default true). */
  oom?: boolean;
}

/**
 * The application facade the apps use: built by `@katamon/composition` from plugin manifests.
 * Errors are thrown as errors carrying a `kind` (KatamonError or an adapter's class).
 */
export interface Katamon {
  /** Exact id, else unique name, else unique prefix (< 64 chars) across every resolver; `<namespace or engine>/…`
   * narrows, `/<name>` is a name only. Throws `invalid-argument`, `not-found` (message
   * `Container ID (<typed>) does not exist`), or `ambiguous`. */
  resolve(query: string): Promise<ContainerRef>;
  /** Every container every resolver can see, sorted by id (then engine and namespace), each with its identity. */
  list(): Promise<ContainerRef[]>;
  /**
   * One sample now, merged from every source whose probe handles `ref`. With scope `'metrics'` the sources
   * may read only what the Prometheus exposition needs (see SampleScope); the sample is marked so.
   */
  sample(ref: ContainerRef, signal?: AbortSignal, scope?: SampleScope): Promise<Sample>;
  /**
   * Samples every interval. Streams of the same (container, interval) share one sampler, so N subscribers
   * cost one read per tick.
   */
  stream(ref: ContainerRef, options: StreamOptions): AsyncIterable<StreamItem>;
  /**
   * The items of {@link stream}, each handed to `onItem` as it happens, from the sampler's own tick: no queue
   * (so never `dropped`), and no promise per item when every source of `ref` is synchronous. For a consumer
   * that never blocks, such as a CLI writing to a pipe. After `end` nothing more comes. The returned function
   * unsubscribes (no `end` is delivered then). An `onItem` that throws is logged and unsubscribed.
   */
  watch(ref: ContainerRef, options: StreamOptions, onItem: (item: StreamItem) => void): () => void;
  /** Names of the loaded plugins/sources and any that failed to load (for /readyz and logs). */
  health(): KatamonHealth;
  /**
   * What is on this host, asked now: every factory's host probe, and the adapters left out before loading
   * (`katamon doctor`). Never part of a lookup: resolvers touch their roots only when asked for containers.
   */
  probeHost?(): Promise<HostProbeReport[]>;
  /** Stop every sampler, close descriptors and connections. */
  close(): Promise<void>;
}

export interface KatamonHealth {
  plugins: { name: string; ok: boolean; error?: { code: string; message: string } }[];
  sources: string[];
  resolvers: string[];
}
