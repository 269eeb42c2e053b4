import type { Clock, ContainerRef, Katamon } from '@katamon/core';
import { KatamonError } from '@katamon/core';
import type { SampleCache } from '../metrics/sample-cache.js';
import type { MetricsEndpoint } from '../metrics/metrics-endpoint.js';
import type { StreamHub } from '../streams/stream-hub.js';
import type { RefCache } from './ref-cache.js';

/** What the route modules share. */
export interface ServerContext {
  katamon: Katamon;
  clock: Clock;
  cache: SampleCache;
  refs: RefCache;
  hub: StreamHub;
  metrics: MetricsEndpoint;
  maxStreamBufferBytes: number;
  maxStreamClients: number;
  /** False once shutdown began: new streams are refused. */
  accepting: () => boolean;
}

/** runc and kata refuse a stopped container for stats and events; created and paused pass. */
export function requireLive(ref: ContainerRef): ContainerRef {
  if (ref.status === 'stopped') throw new KatamonError('not-running', `container with id ${ref.id} is not running`);
  return ref;
}
