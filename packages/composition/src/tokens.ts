import type { ServiceIdentifier } from 'inversify';
import type { Katamon, Logger, Scheduler } from '@katamon/core';
import type { PluginLoad } from './instantiate-plugin.js';
import type { PluginFailure } from './plugin-error.js';

/** Settings of the use cases (not of any one plugin). */
export interface KatamonSettings {
  /** Per-source deadline of one collect, ms. */
  sourceDeadlineMs?: number;
  /** Unread items a stream subscriber may hold before the oldest are dropped. */
  queueLength?: number;
}

// Global symbols so a duplicate copy of this package still shares the tokens.
export const SchedulerToken = Symbol.for('@katamon/composition/Scheduler') as ServiceIdentifier<Scheduler>;
export const LoggerToken = Symbol.for('@katamon/composition/Logger') as ServiceIdentifier<Logger>;
export const KatamonSettingsToken = Symbol.for(
  '@katamon/composition/KatamonSettings',
) as ServiceIdentifier<KatamonSettings>;
/** Multi-bound: one per accepted plugin (its created sources and resolvers, or its failure). */
export const PluginLoadToken = Symbol.for('@katamon/composition/PluginLoad') as ServiceIdentifier<PluginLoad>;
/** Multi-bound: plugins rejected before loading (validation, import). */
export const PluginFailureToken = Symbol.for('@katamon/composition/PluginFailure') as ServiceIdentifier<PluginFailure>;
export const KatamonToken = Symbol.for('@katamon/composition/Katamon') as ServiceIdentifier<Katamon>;
