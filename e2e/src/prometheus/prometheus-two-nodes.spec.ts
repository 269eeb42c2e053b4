import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { dashboardQueries, DEPLOY_PATHS } from '@katamon/deploy';
import { waitUntil } from '@katamon/core-testing';
import { BUSY_COMMAND, runcAvailable } from '@katamon/test-fixtures';
import { bundleServer } from '../server/server-process.js';
import { startKatamonNode, type KatamonNode } from './katamon-node.js';
import { startPrometheus, type PrometheusServer } from './prometheus-server.js';

const MiB = 1024 * 1024;
/**
 * Scrapes of each target within the last minute before the rates are compared: the recording rules' rates are
 * over one minute, and a rate over a window the data does not fill reads low.
 */
const SAMPLES = 60;
/** Writes and reads a file with O_DIRECT every second, so the cgroup is charged block I/O. */
const IO_COMMAND = [
  'sh',
  '-c',
  'while :; do dd if=/dev/zero of=/tmp/f bs=4096 count=64 oflag=direct 2>/dev/null; dd if=/tmp/f of=/dev/null bs=4096 iflag=direct 2>/dev/null; sleep 1; done',
];

/**
 * Prometheus' config: the shipped job (deploy/prometheus/scrape-config.yaml) with its relabelling, scraping
 * every second; file-SD targets in place of Kubernetes pod discovery carry the labels that discovery sets, so
 * the shipped relabelling runs; the shipped rules (deploy/prometheus/katamon-rules.yaml).
 */
function prometheusConfig(dir: string, nodes: KatamonNode[]): string {
  const shipped = parse(readFileSync(DEPLOY_PATHS.scrapeConfig, 'utf8')) as {
    scrape_configs: Record<string, unknown>[];
  };
  const job = shipped.scrape_configs[0]!;
  delete job['kubernetes_sd_configs'];
  const targets = nodes.map((node) => ({
    targets: [new URL(node.server.address).host],
    labels: {
      __meta_kubernetes_pod_node_name: node.name,
      __meta_kubernetes_pod_label_app_kubernetes_io_name: 'katamon',
      __meta_kubernetes_pod_container_port_name: 'http',
    },
  }));
  writeFileSync(join(dir, 'targets.json'), JSON.stringify(targets));
  return stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [DEPLOY_PATHS.rules],
    scrape_configs: [
      { ...job, scrape_interval: '1s', scrape_timeout: '1s', file_sd_configs: [{ files: ['targets.json'] }] },
    ],
  });
}

/** The expression Grafana would send with every variable at "All" and a rate interval for 1 s scrapes. */
function asGrafanaSends(expr: string): string {
  return expr.replaceAll('$__rate_interval', '15s').replaceAll('$node', '.*').replaceAll('$namespace', '.*');
}

describe('Prometheus scraping two katamon-server nodes', () => {
  beforeAll(() => {
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static)').toBe(false);
    expect(spawnSync('prometheus', ['--version']).status, 'missing prerequisite: apt-get install prometheus').toBe(0);
  });
  let nodes: KatamonNode[] = [];
  let prometheus: PrometheusServer;
  /** katamon's CPU seconds of each container when Prometheus started, by node/id. */
  const start = new Map<string, { seconds: number; at: number }>();
  const suiteStarted = performance.now();

  beforeAll(async () => {
    bundleServer();
    nodes.push(
      await startKatamonNode('node-a', [
        { command: BUSY_COMMAND, cpuQuota: { quota: 20_000, period: 100_000 }, memoryLimit: 64 * MiB },
        { command: IO_COMMAND, memoryLimit: 32 * MiB, veth: true, countBlockIo: true },
      ]),
    );
    nodes.push(
      await startKatamonNode('node-b', [
        { command: BUSY_COMMAND, cpuQuota: { quota: 10_000, period: 100_000 }, memoryLimit: 48 * MiB },
        { memoryLimit: 16 * MiB, pidsLimit: 16 },
      ]),
    );
    for (const node of nodes)
      for (const c of node.containers) start.set(`${node.name}/${c.id}`, await node.cpuSeconds(c.id));
    prometheus = await startPrometheus((dir) => prometheusConfig(dir, nodes));
    // Enough samples for stable rates, and the recording rules evaluated over them.
    await waitUntil(
      async () => {
        const counts = await prometheus.query('count_over_time(up{job="katamon"}[1m])');
        return counts.length === 2 && counts.every((s) => s.value >= SAMPLES) ? true : undefined;
      },
      { what: `${SAMPLES} scrapes of both katamon nodes`, timeoutMs: 240_000, intervalMs: 500 },
    );
  }, 360_000);

  afterAll(async () => {
    await prometheus?.stop();
    for (const node of nodes) await node.stop();
    nodes = [];
    // The suite's own time, for CI's budget (deploy/README.md).
    console.info(`prometheus e2e: ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
  }, 120_000);

  it('has both nodes up, each its own target labelled with its node', async () => {
    const up = await prometheus.query('up{job="katamon"}');
    expect(up.map((s) => [s.metric['node'], s.metric['instance'], s.value]).sort()).toEqual([
      ['node-a', 'node-a', 1],
      ['node-b', 'node-b', 1],
    ]);
    const targets = await prometheus.targets();
    expect(targets.map((t) => [t.labels['node'], t.health, t.lastError]).sort()).toEqual([
      ['node-a', 'up', ''],
      ['node-b', 'up', ''],
    ]);
  });

  it('loads the shipped rules and evaluates them without error', async () => {
    const response = await fetch(`${prometheus.url}/api/v1/rules`);
    const body = (await response.json()) as {
      data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const rules = body.data.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual(
      [],
    );
  });

  it("agrees with katamon's /v1 on every container's CPU rate, and on every pod's", async () => {
    // katamon's own rate over [start, now], and Prometheus' rate over the same window, evaluated at now.
    const katamon = new Map<string, { node: string; rate: number }>();
    let now = 0;
    for (const node of nodes)
      for (const c of node.containers) {
        const end = await node.cpuSeconds(c.id);
        const begin = start.get(`${node.name}/${c.id}`)!;
        katamon.set(c.id, { node: node.name, rate: (end.seconds - begin.seconds) / (end.at - begin.at) });
        now = Math.max(now, end.at);
      }
    const window = Math.round((now - Math.min(...[...start.values()].map((s) => s.at))) * 1000);
    const perContainer = await prometheus.query(
      `sum by (node, namespace, pod, name) (rate(container_cpu_usage_seconds_total{job="katamon", container!=""}[${window}ms]))`,
      now,
    );
    expect(perContainer.map((s) => s.metric['name']).sort()).toEqual([...katamon.keys()].sort());
    for (const sample of perContainer) {
      const expected = katamon.get(sample.metric['name']!)!;
      expect(sample.metric['node']).toBe(expected.node);
      // The busy containers run at their CFS quota (0.2 and 0.1 cores); the others near 0.
      expect(
        Math.abs(sample.value - expected.rate),
        `${sample.metric['name']}: ${sample.value} vs ${expected.rate}`,
      ).toBeLessThan(0.02 + 0.1 * expected.rate);
    }
    expect(Math.max(...[...katamon.values()].map((k) => k.rate))).toBeGreaterThan(0.05);

    // Per pod: the recording rule groups by (node, namespace, pod), the labels each series carries (while
    // katamon has no pod identity for runc containers, one group per node); katamon's side is grouped the same.
    const podOf = new Map(
      perContainer.map((s) => [
        s.metric['name']!,
        `${s.metric['node']}/${s.metric['namespace'] ?? ''}/${s.metric['pod'] ?? ''}`,
      ]),
    );
    const katamonPods = new Map<string, number>();
    for (const [id, k] of katamon) katamonPods.set(podOf.get(id)!, (katamonPods.get(podOf.get(id)!) ?? 0) + k.rate);
    const pods = await prometheus.query('node_namespace_pod:katamon_container_cpu_usage_seconds:sum_rate1m', now);
    expect(
      pods.map((s) => `${s.metric['node']}/${s.metric['namespace'] ?? ''}/${s.metric['pod'] ?? ''}`).sort(),
    ).toEqual([...katamonPods.keys()].sort());
    for (const pod of pods) {
      const key = `${pod.metric['node']}/${pod.metric['namespace'] ?? ''}/${pod.metric['pod'] ?? ''}`;
      // The rule's window is the last minute (all the data there is, extrapolated): a looser bound.
      expect(Math.abs(pod.value - katamonPods.get(key)!), key).toBeLessThan(0.03 + 0.15 * katamonPods.get(key)!);
    }
  });

  it('counts nothing twice: one series per container, per node, and sums that add up', async () => {
    const listed = (await Promise.all(nodes.map(async (n) => (await n.list()).map((id) => `${n.name}/${id}`)))).flat();
    expect(new Set(listed).size).toBe(listed.length);
    const seen = await prometheus.query('count by (node, name) (container_last_seen{job="katamon"})');
    expect(seen.map((s) => `${s.metric['node']}/${s.metric['name']}`).sort()).toEqual(listed.sort());
    expect(seen.every((s) => s.value === 1)).toBe(true);
    // No container is reported by both nodes.
    expect(await prometheus.query('count by (name) (container_last_seen{job="katamon"}) > 1')).toEqual([]);
    // Each recorded per-container series is one container.
    const recorded = await prometheus.query(
      'count by (node, name) (node_namespace_pod_container:katamon_container_cpu_usage_seconds:rate1m)',
    );
    expect(recorded.map((s) => [`${s.metric['node']}/${s.metric['name']}`, s.value]).sort()).toEqual(
      listed.map((l) => [l, 1]).sort(),
    );
    // The per-CPU series of a container add up to its total once: the last scraped sum lies between
    // katamon's readings before Prometheus started and now.
    const totals = await prometheus.query('sum by (node, name) (container_cpu_usage_seconds_total{job="katamon"})');
    for (const total of totals) {
      const node = nodes.find((n) => n.name === total.metric['node'])!;
      const before = start.get(`${node.name}/${total.metric['name']}`)!;
      const after = await node.cpuSeconds(total.metric['name']!);
      expect(total.value, total.metric['name']).toBeGreaterThanOrEqual(before.seconds);
      expect(total.value, total.metric['name']).toBeLessThanOrEqual(after.seconds);
    }
    // Pods and containers sum to the same fleet total.
    const [byPod] = await prometheus.query('sum(node_namespace_pod:katamon_container_cpu_usage_seconds:sum_rate1m)');
    const [byContainer] = await prometheus.query(
      'sum(node_namespace_pod_container:katamon_container_cpu_usage_seconds:rate1m)',
    );
    expect(byPod!.value).toBeCloseTo(byContainer!.value, 9);
  });

  it('answers every query of every Grafana dashboard panel with data', async () => {
    const empty: string[] = [];
    for (const { panel, refId, expr } of dashboardQueries()) {
      const result = await prometheus.query(asGrafanaSends(expr));
      if (result.length === 0) empty.push(`${panel} (${refId}): ${expr}`);
    }
    expect(empty).toEqual([]);
  });
});
