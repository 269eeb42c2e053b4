import type { Stats } from './stats.js';
import type { ContainerIdentity } from './container-identity.js';

/** A problem one source had with one sample; the sample still carries every other source's data. */
export interface SampleIssue {
  /** Name of the source (or plugin) that failed. */
  source: string;
  /** Error kind (see {@link ErrorKind}). */
  kind: string;
  message: string;
  /** File or endpoint involved, when known. */
  path?: string;
}

/** One sample of one container: what the use cases produce and the encoders print. */
export interface Sample {
  /** Full container id. */
  id: string;
  /** Wall-clock time the sample was taken, ms since the epoch. */
  timestamp: number;
  stats: Stats;
  /** Names of the sources that contributed, in precedence order. */
  sources: string[];
  /** Per-source failures of this sample (partial failure is data). */
  issues: SampleIssue[];
  /** Who the container is (its ref's identity); printed by the `full` schema only. */
  identity?: ContainerIdentity;
  /**
   * `'metrics'` when the sample was read for the Prometheus exposition only (see SampleScope): fields outside
   * that scope may be zero, so it is never printed in a schema. Absent: a complete sample.
   */
  scope?: 'metrics';
}

export interface StatsEvent {
  type: 'stats';
  id: string;
  /** `null` reproduces Go's typed-nil `"data":null`. */
  data: Stats | null;
  /** Present on events produced by katamon; printed only by the `full` schema. */
  sample?: Omit<Sample, 'stats' | 'id'>;
}

export interface OomEvent {
  type: 'oom';
  id: string;
}

export type Event = StatsEvent | OomEvent;

/** The three output schemas. */
export type SchemaName = 'kata' | 'runc' | 'full';

export const SCHEMA_NAMES: readonly SchemaName[] = ['kata', 'runc', 'full'];

/** Version of katamon's own `full` schema; bumped on any incompatible change. */
export const FULL_SCHEMA_VERSION = 1;
