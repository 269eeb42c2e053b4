import { errorKindOf, isLive, type ContainerRef, type Katamon, type Logger, type Sample } from '@katamon/core';
import type { SampleCache } from './sample-cache.js';
import type { ServerMetrics } from './server-metrics.js';
import type { StreamHub } from '../streams/stream-hub.js';
import { cadvisorFamilies, type DeviceName } from './cadvisor-families.js';
import { containerLabels } from './container-labels.js';
import { writeExposition, type ExpositionFormat, type MetricFamily } from './exposition.js';

export interface MetricsEndpointDeps {
  katamon: Katamon;
  /** The container list, possibly reused for the max age. */
  list: () => Promise<ContainerRef[]>;
  cache: SampleCache;
  metrics: ServerMetrics;
  hub: StreamHub;
  logger: Logger;
  device: DeviceName;
  /** Containers sampled at once during a scrape. */
  concurrency?: number;
}

/**
 * Builds `/metrics`: every non-stopped container, sampled through the cache (so a scrape right after a
 * stream tick reads nothing), as cAdvisor families plus katamon's own. Concurrent scrapes share one build.
 */
export class MetricsEndpoint {
  private readonly inflight = new Map<ExpositionFormat, Promise<string>>();

  constructor(private readonly deps: MetricsEndpointDeps) {}

  render(format: ExpositionFormat): Promise<string> {
    const pending = this.inflight.get(format);
    if (pending !== undefined) return pending;
    const build = this.build(format).finally(() => this.inflight.delete(format));
    this.inflight.set(format, build);
    return build;
  }

  private async build(format: ExpositionFormat): Promise<string> {
    const { katamon, cache, metrics, hub, logger, device } = this.deps;
    const stop = metrics.scrapeDuration.startTimer();
    const refs = await this.deps.list();
    metrics.containers.reset();
    for (const ref of refs) metrics.containers.inc({ status: ref.status });
    const live = refs.filter(isLive);
    const sampled: { ref: ContainerRef; sample: Sample; labels: Record<string, string> }[] = [];
    let failed = 0;
    await eachLimited(live, this.deps.concurrency ?? 16, async (ref) => {
      try {
        // Only what the families read: a fleet scrape opens and reads about a third of the files.
        sampled.push({ ref, sample: await cache.sample(ref, 'metrics'), labels: containerLabels(ref) });
      } catch (error) {
        failed += 1;
        metrics.scrapeErrors.inc({ kind: errorKindOf(error) });
        logger.warn('scrape could not sample container', { id: ref.id, error: String(error) });
      }
    });
    sampled.sort((a, b) => (a.ref.id < b.ref.id ? -1 : a.ref.id > b.ref.id ? 1 : 0));
    metrics.sourceIssues.reset();
    for (const { sample } of sampled)
      for (const issue of sample.issues) metrics.sourceIssues.inc({ source: issue.source, kind: issue.kind });
    metrics.setHealth(katamon.health());
    metrics.streamClients.set(hub.clientCount);
    metrics.streamChannels.set(hub.channelCount);
    metrics.streamBuffered.set(hub.bufferedBytes);
    stop();
    const scrapeError: MetricFamily = {
      name: 'container_scrape_error',
      type: 'gauge',
      help: '1 if there was an error while getting container metrics, 0 otherwise',
      samples: [{ labels: {}, value: failed > 0 ? 1 : 0 }],
    };
    return writeExposition([scrapeError, ...cadvisorFamilies(sampled, device), ...(await metrics.families())], format);
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
