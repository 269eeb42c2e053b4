import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { get } from './http-client.js';
import { bundleServer, startServer, type ServerProcess } from './server-process.js';

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    out.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return out;
}

interface RuncStats {
  cpu: { usage: { total: number; user: number; kernel: number }; throttling: { periods?: number } };
  memory: { usage: { usage: number; limit: number; max: number } };
}

describe('/metrics against runc events --stats', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-metrics-root-'));
  let container: RuncContainer;
  let server: ServerProcess;

  beforeAll(async () => {
    bundleServer();
    container = await startRuncContainer({
      root,
      command: BUSY_COMMAND,
      memoryLimit: 64 * 1024 * 1024,
      cpuQuota: { quota: 20_000, period: 100_000 },
      pidsLimit: 32,
    });
    // --max-age 0: every scrape reads the kernel, so runc's numbers before and after bracket it.
    server = await startServer(['--root', root, '--max-age', '0']);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await container?.delete();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  async function runcStats(): Promise<RuncStats> {
    const result = await container.runc(['events', '--stats', container.id]);
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as { data: RuncStats }).data;
  }

  it('passes promtool check metrics, in text and carries cAdvisor names bracketed by runc', async () => {
    const before = await runcStats();
    const scrape = await get(server.address, '/metrics');
    const after = await runcStats();
    expect(scrape.status).toBe(200);
    expect(scrape.type).toBe('text/plain; version=0.0.4; charset=utf-8');

    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: scrape.text, encoding: 'utf8' });
    expect(`${promtool.stdout}${promtool.stderr}`).toBe('');
    expect(promtool.status).toBe(0);

    const mine = parseExposition(scrape.text).filter((s) => s.labels['name'] === container.id);
    const one = (name: string) => {
      const found = mine.filter((s) => s.name === name);
      expect(found, name).toHaveLength(1);
      return found[0]!;
    };
    expect(one('container_memory_usage_bytes').labels).toMatchObject({
      id: `/katamon-test/${container.id}`,
      container: container.id,
    });

    const cpu = mine.filter((s) => s.name === 'container_cpu_usage_seconds_total');
    expect(cpu.length).toBeGreaterThan(0);
    const cpuSum = cpu.reduce((sum, s) => sum + s.value, 0);
    expect(cpuSum).toBeGreaterThanOrEqual(before.cpu.usage.total / 1e9 - 1e-9);
    expect(cpuSum).toBeLessThanOrEqual(after.cpu.usage.total / 1e9 + 1e-9);
    expect(before.cpu.usage.total).toBeLessThan(after.cpu.usage.total); // the container is busy: a real bracket

    const periods = one('container_cpu_cfs_periods_total').value;
    expect(periods).toBeGreaterThanOrEqual(before.cpu.throttling.periods ?? 0);
    expect(periods).toBeLessThanOrEqual(after.cpu.throttling.periods ?? 0);
    expect(one('container_cpu_user_seconds_total').value).toBeLessThanOrEqual(after.cpu.usage.user / 1e9 + 1e-9);
    expect(one('container_cpu_system_seconds_total').value).toBeGreaterThanOrEqual(
      before.cpu.usage.kernel / 1e9 - 1e-9,
    );

    const usage = one('container_memory_usage_bytes').value;
    expect(usage).toBeGreaterThanOrEqual(Math.min(before.memory.usage.usage, after.memory.usage.usage));
    expect(usage).toBeLessThanOrEqual(Math.max(before.memory.usage.usage, after.memory.usage.usage));
    expect(one('container_memory_working_set_bytes').value).toBeLessThanOrEqual(usage);
    expect(one('container_spec_memory_limit_bytes').value).toBe(64 * 1024 * 1024);
    expect(one('container_spec_memory_limit_bytes').value).toBe(after.memory.usage.limit);
    expect(one('container_memory_max_usage_bytes').value).toBeLessThanOrEqual(after.memory.usage.max);

    for (const name of [
      'container_cpu_cfs_throttled_periods_total',
      'container_cpu_cfs_throttled_seconds_total',
      'container_memory_rss',
      'container_memory_cache',
      'container_memory_swap',
      'container_memory_mapped_file',
      'container_memory_failcnt',
      'container_start_time_seconds',
      'container_last_seen',
    ])
      one(name);
    expect(
      mine
        .filter((s) => s.name === 'container_memory_failures_total')
        .map((s) => `${s.labels['failure_type']}/${s.labels['scope']}`)
        .sort(),
    ).toEqual(['pgfault/container', 'pgfault/hierarchy', 'pgmajfault/container', 'pgmajfault/hierarchy']);
    const started = one('container_start_time_seconds').value;
    expect(started).toBeGreaterThan(Date.now() / 1000 - 600);

    for (const own of [
      'katamon_scrape_duration_seconds_count',
      'katamon_plugin_up',
      'katamon_source_up',
      'katamon_stream_clients',
      'container_scrape_error',
    ]) {
      expect(scrape.text).toMatch(new RegExp(`^${own}(\\{| )`, 'm'));
    }
  });

  it('speaks OpenMetrics when asked', async () => {
    const scrape = await get(server.address, '/metrics', {
      accept:
        'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
    });
    expect(scrape.type).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(scrape.text).toContain('# TYPE container_cpu_usage_seconds counter\n');
    expect(scrape.text).toMatch(/^container_cpu_usage_seconds_total\{id="\/katamon-test\//m);
    expect(scrape.text.endsWith('# EOF\n')).toBe(true);
  });
});
