import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { KatamonHealth } from '@katamon/core';
import type { MetricFamily } from './exposition.js';

/**
 * prom-client's gauges named `_total` fail `promtool check metrics`; the same numbers remain in
 * `nodejs_active_handles`/`_requests`/`_resources` (by `type`).
 */
const LINT_FAILING = new Set([
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
]);

/**
 * katamon's own families, kept by prom-client. They are rendered by our exposition writer together with
 * the cAdvisor families, because prom-client's OpenMetrics mode renames shared counters in place.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly scrapeDuration = new Histogram({
    name: 'katamon_scrape_duration_seconds',
    help: 'Time to build one /metrics response, seconds.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly scrapeErrors = new Counter({
    name: 'katamon_scrape_errors_total',
    help: 'Containers that could not be sampled for a scrape, by error kind.',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly streamDrops = new Counter({
    name: 'katamon_stream_closed_total',
    help: 'Stream clients that left, by reason (slow-consumer means dropped for not reading).',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly streamClients = new Gauge({
    name: 'katamon_stream_clients',
    help: 'Open stream clients.',
    registers: [this.registry],
  });
  readonly streamChannels = new Gauge({
    name: 'katamon_stream_samplers',
    help: 'Shared stream samplers, one per (container, interval, schema).',
    registers: [this.registry],
  });
  readonly streamBuffered = new Gauge({
    name: 'katamon_stream_buffered_bytes',
    help: 'Bytes written to stream clients and not yet taken by their sockets.',
    registers: [this.registry],
  });
  readonly pluginUp = new Gauge({
    name: 'katamon_plugin_up',
    help: 'Whether a plugin loaded (1) or failed (0).',
    labelNames: ['plugin'],
    registers: [this.registry],
  });
  readonly sourceUp = new Gauge({
    name: 'katamon_source_up',
    help: 'Loaded stats sources (1 each).',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly sourceIssues = new Gauge({
    name: 'katamon_source_issues',
    help: 'Problems sources reported in the samples of the last scrape, by source and error kind.',
    labelNames: ['source', 'kind'],
    registers: [this.registry],
  });
  /** /stats answers the fast path wrote: a plain count on that path (no label lookup), read at a scrape. */
  fastStatsAnswers = 0;
  readonly fastStats = new Counter({
    name: 'katamon_stats_fast_answers_total',
    help: '/v1/containers/{id}/stats requests answered from the cached sample before routing.',
    registers: [this.registry],
    collect: () => {
      this.fastStats.reset();
      this.fastStats.inc(this.fastStatsAnswers);
    },
  });
  readonly containers = new Gauge({
    name: 'katamon_containers',
    help: 'Containers seen by the last scrape, by status.',
    labelNames: ['status'],
    registers: [this.registry],
  });

  constructor(options: { processMetrics: boolean; version: string }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    // Prometheus' own convention (prometheus_build_info, node_exporter_build_info): a constant 1 whose labels
    // say what runs, to join on or to count versions across a fleet.
    new Gauge({
      name: 'katamon_build_info',
      help: 'A constant 1, labelled with the version of katamon-server and of Node.js that run it.',
      labelNames: ['version', 'nodejs_version'],
      registers: [this.registry],
    }).set({ version: options.version, nodejs_version: process.versions.node }, 1);
  }

  setHealth(health: KatamonHealth): void {
    this.pluginUp.reset();
    for (const plugin of health.plugins) this.pluginUp.set({ plugin: plugin.name }, plugin.ok ? 1 : 0);
    this.sourceUp.reset();
    for (const source of health.sources) this.sourceUp.set({ source }, 1);
  }

  async families(): Promise<MetricFamily[]> {
    const json = (await this.registry.getMetricsAsJSON()).filter((m) => !LINT_FAILING.has(m.name));
    return json.map((metric) => ({
      name: metric.name,
      help: metric.help,
      type: String(metric.type) as MetricFamily['type'],
      samples: (metric.values as { metricName?: string; labels: object; value: number }[]).map((v) => ({
        ...(v.metricName === undefined ? {} : { name: v.metricName }),
        labels: v.labels as Record<string, string | number>,
        value: v.value,
      })),
    }));
  }
}
