import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEPLOY_PATHS } from './tools/deploy-paths.js';
import { runTool } from './tools/run-tool.js';

const PROMTOOL = { install: 'apt-get install prometheus' };

interface RuleFile {
  groups: { name: string; rules: { record?: string; alert?: string; expr: string }[] }[];
}

describe('Prometheus rules (deploy/prometheus/katamon-rules.yaml)', () => {
  const rules = parse(readFileSync(DEPLOY_PATHS.rules, 'utf8')) as RuleFile;
  const alerts = rules.groups.flatMap((g) => g.rules.flatMap((r) => (r.alert === undefined ? [] : [r.alert])));

  it('pass promtool check rules', () => {
    const run = runTool('promtool', ['check', 'rules', DEPLOY_PATHS.rules], PROMTOOL);
    expect(run.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(run.status).toBe(0);
  });

  it('pass their unit tests (promtool test rules)', () => {
    const run = runTool('promtool', ['test', 'rules', DEPLOY_PATHS.rulesTest], PROMTOOL);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('alert on OOM kills, CPU throttling, memory near the limit, PSI pressure and a target down', () => {
    expect(alerts).toEqual(
      expect.arrayContaining([
        'KatamonContainerOOMKilled',
        'KatamonCPUThrottlingHigh',
        'KatamonMemoryNearLimit',
        'KatamonMemoryPressure',
        'KatamonIOPressure',
        'KatamonCPUPressure',
        'KatamonTargetDown',
      ]),
    );
  });

  it('have a unit test that fires each alert', () => {
    const tests = parse(readFileSync(DEPLOY_PATHS.rulesTest, 'utf8')) as {
      tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
    };
    const fired = new Set(
      tests.tests.flatMap((t) =>
        (t.alert_rule_test ?? []).filter((a) => (a.exp_alerts ?? []).length > 0).map((a) => a.alertname),
      ),
    );
    expect(alerts.filter((a) => !fired.has(a))).toEqual([]);
  });

  it('read only katamon job series', () => {
    for (const rule of rules.groups.flatMap((g) => g.rules)) {
      const raw = rule.expr.match(/\b(container|katamon|up)\w*\{[^}]*\}/g) ?? [];
      for (const selector of raw) expect(selector, rule.record ?? rule.alert).toContain('job="katamon"');
    }
  });
});

describe('the scrape config for clusters without the operator (deploy/prometheus/scrape-config.yaml)', () => {
  // Debian's prometheus is built without Kubernetes discovery: the job is checked with its kubernetes_sd_configs
  // swapped for file_sd targets that carry the labels pod discovery sets, so its relabelling runs for real.
  const dir = mkdtempSync(join(tmpdir(), 'katamon-scrape-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function withFileSd(targets: object[]): string {
    const config = parse(readFileSync(DEPLOY_PATHS.scrapeConfig, 'utf8')) as {
      scrape_configs: Record<string, unknown>[];
    };
    const job = config.scrape_configs[0]!;
    expect(job['kubernetes_sd_configs']).toEqual([{ role: 'pod', namespaces: { names: ['katamon'] } }]);
    delete job['kubernetes_sd_configs'];
    writeFileSync(join(dir, 'targets.json'), JSON.stringify(targets));
    job['file_sd_configs'] = [{ files: [join(dir, 'targets.json')] }];
    const file = join(dir, 'prometheus.yml');
    writeFileSync(file, stringify(config));
    return file;
  }

  const pod = (node: string, port: string, app = 'katamon') => ({
    targets: [`10.0.0.${node.length}:9464`],
    labels: {
      __meta_kubernetes_pod_node_name: node,
      __meta_kubernetes_pod_label_app_kubernetes_io_name: app,
      __meta_kubernetes_pod_container_port_name: port,
      __meta_kubernetes_pod_name: `katamon-${node}`,
      __meta_kubernetes_namespace: 'katamon',
    },
  });

  it('passes promtool check config', () => {
    const run = runTool('promtool', ['check', 'config', withFileSd([])], PROMTOOL);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('keeps the katamon port of katamon pods only, labelled with their node and nothing of the pod', () => {
    const file = withFileSd([
      pod('node-a', 'http'),
      pod('node-b', 'http'),
      pod('node-c', 'other'),
      pod('n', 'http', 'x'),
    ]);
    // promtool waits the whole timeout for discovery; file_sd answers at once.
    const run = runTool('promtool', ['check', 'service-discovery', '--timeout=5s', file, 'katamon'], PROMTOOL);
    expect(run.status, run.output).toBe(0);
    const found = JSON.parse(run.stdout) as { labels: Record<string, string> }[];
    // A dropped target has no labels left.
    const kept = found.map((t) => t.labels).filter((labels) => Object.keys(labels).length > 0);
    expect(kept.map((l) => [l['node'], l['instance'], l['job']])).toEqual([
      ['node-a', 'node-a', 'katamon'],
      ['node-b', 'node-b', 'katamon'],
    ]);
    for (const labels of kept) expect(Object.keys(labels)).not.toEqual(expect.arrayContaining(['pod']));
  });
});
