import type { Stats } from '../model/stats.js';
import type { SampleIssue } from '../model/event.js';
import type { ContainerRef } from './container-ref.js';

/** What a source read for one container in one sample. */
export interface SourceResult {
  stats: Stats;
  /** Parts that failed (e.g. one controller); the rest of `stats` is still valid. */
  issues?: SampleIssue[];
}

/**
 * How much of a sample the caller will look at.
 * - `'all'` (the default): every field the schemas print, read the way runc reads them.
 * - `'metrics'`: only what the Prometheus exposition reads (cAdvisor's families), so a fleet scrape opens and
 *   reads fewer kernel files per container. Those fields are: `cpu.usage` percpu/user/kernel (its `total` may
 *   be the sum of percpu), `cpu.throttling`, `cpu.psi`, `memory.usage`, `memory.swap` usage and limit,
 *   `memory.kernel.usage`, `memory.cache`, `memory.raw`, `memory.events`, `memory.psi`,
 *   `blkio.ioServiceBytesRecursive`, `blkio.ioServicedRecursive`, `blkio.psi`, `hugetlb`, `network`.
 *   Anything else may be zero, empty or absent. A sample taken this way is marked `scope: 'metrics'` and must
 *   not be printed in a schema. A source may ignore the scope and read everything.
 */
export type SampleScope = 'all' | 'metrics';

/** One OOM notification, or the end of the container's cgroup. */
export type OomSignal = 'oom' | 'gone';

/**
 * A stats source: cgroup v1, cgroup v2, the Kata agent, a network namespace, or a plugin.
 * `probe` decides once per container whether this source applies; `collect` runs once per sample.
 */
export interface StatsSource {
  readonly name: string;
  /** Cheap and synchronous in spirit: decide from the ref alone. */
  probe(ref: ContainerRef): 'handle' | 'skip';
  /**
   * Read the container's statistics. Throw (an error with a `kind`) when nothing could be read; report
   * partial failures as `issues`. A container that disappeared is an error of kind `gone`.
   */
  collect(ref: ContainerRef, signal?: AbortSignal, scope?: SampleScope): Promise<SourceResult>;
  /**
   * Optional: the same as `collect`, answered synchronously, for sources that only read local kernel files
   * (cgroupfs, procfs), which never wait on a device. A sample then calls this instead of `collect`: no
   * promise, no signal and no deadline timer per tick (a synchronous read cannot be cancelled anyway), which
   * is a measurable share of a 10 ms stream. Must return what `collect` would resolve to, and throw what it
   * would reject with.
   */
  collectSync?(ref: ContainerRef, scope?: SampleScope): SourceResult;
  /**
   * Optional: OOM-kill notifications for the container, as runc emits them. The iterable yields `'oom'` per
   * kill and `'gone'` (then ends) when the cgroup disappears; it ends when `signal` aborts.
   */
  watchOom?(ref: ContainerRef, signal: AbortSignal): AsyncIterable<OomSignal>;
  /** Release descriptors/connections held for `ref` (or for everything when omitted). */
  release?(ref?: ContainerRef): void | Promise<void>;
}
