import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { ensureBundle, runKatamon } from './katamon-cli.js';

/** Container CPU time, ns, read straight from the kernel (v1 cpuacct.usage, v2 cpu.stat usage_usec). */
function containerCpuNs(id: string): bigint {
  const v1 = `/sys/fs/cgroup/cpuacct/katamon-test/${id}/cpuacct.usage`;
  if (existsSync(v1)) return BigInt(readFileSync(v1, 'utf8').trim());
  const file = `/sys/fs/cgroup/katamon-test/${id}/cpu.stat`;
  const usec = /usage_usec (\d+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (usec === undefined) throw new Error(`${file} has no usage_usec`);
  return BigInt(usec) * 1000n;
}

/** dockerd's system_cpu_usage and online CPUs. */
function hostCpu(): { systemNs: bigint; online: number } {
  const stat = readFileSync('/proc/stat', 'utf8');
  const cpu = (stat.split('\n')[0] as string).trim().split(/\s+/).slice(1, 8);
  return {
    systemNs: cpu.reduce((s, f) => s + BigInt(f), 0n) * 10_000_000n,
    online: stat.split('\n').filter((l) => /^cpu\d/.test(l)).length,
  };
}

interface RawSample {
  cpu: Map<string, bigint>;
  systemNs: bigint;
  online: number;
}

function rawSample(ids: readonly string[]): RawSample {
  const cpu = new Map(ids.map((id) => [id, containerCpuNs(id)]));
  return { cpu, ...hostCpu() };
}

interface TopJson {
  id: string;
  cpu_percent: number;
  cpu_delta_ns: number;
  system_delta_ns: number;
  online_cpus: number;
  mem_usage: number;
  mem_limit: number;
  pids: number;
  net_rx_rate: number | null;
}

describe('katamon top (real runc containers)', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-e2e-top-'));
  let busy: RuncContainer[] = [];

  beforeAll(async () => {
    ensureBundle();
    // Two busy loops held to half a core and a quarter core by CFS quota: steady, known CPU %.
    busy = await Promise.all([
      startRuncContainer({
        root,
        command: BUSY_COMMAND,
        cpuQuota: { quota: 50_000, period: 100_000 },
        memoryLimit: 64 << 20,
      }),
      startRuncContainer({ root, command: BUSY_COMMAND, cpuQuota: { quota: 25_000, period: 100_000 } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(busy.map((c) => c.delete()));
    rmSync(root, { recursive: true, force: true });
  });

  it('top --no-stream --format json: CPU % agrees with the docker formula over two raw samples', async () => {
    const ids = busy.map((c) => c.id);
    const before = rawSample(ids);
    const result = await runKatamon([
      '--root',
      root,
      'top',
      '--no-stream',
      '--format',
      'json',
      '--interval',
      '1s',
      ...ids,
    ]);
    const after = rawSample(ids);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as TopJson);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      // The row's own numbers follow docker's formula exactly …
      expect(row.cpu_percent).toBeCloseTo((row.cpu_delta_ns / row.system_delta_ns) * row.online_cpus * 100, 6);
      // … and its window lies inside ours, so it agrees with the formula over the raw readings around it.
      const raw =
        (Number((after.cpu.get(row.id) as bigint) - (before.cpu.get(row.id) as bigint)) /
          Number(after.systemNs - before.systemNs)) *
        after.online *
        100;
      expect(row.online_cpus).toBe(after.online);
      expect(row.system_delta_ns).toBeLessThanOrEqual(Number(after.systemNs - before.systemNs));
      expect(Math.abs(row.cpu_percent - raw)).toBeLessThanOrEqual(Math.max(5, raw * 0.25));
      expect(row.cpu_percent).toBeGreaterThan(0);
      expect(row.pids).toBeGreaterThanOrEqual(1);
      expect(row.mem_usage).toBeGreaterThan(0);
      expect(row.net_rx_rate).not.toBeUndefined();
    }
    const half = rows.find((r) => r.id === busy[0]?.id) as TopJson;
    expect(half.mem_limit).toBe(64 << 20);
  });

  it('top --no-stream prints a plain table (no ANSI codes) when stdout is not a terminal', async () => {
    const result = await runKatamon(['--root', root, 'top', '--no-stream', '--interval', '500ms']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(
      /^CONTAINER ID\s+NAME\s+ENGINE\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+NET I\/O \/s\s+BLOCK I\/O\s+BLOCK I\/O \/s\s+PIDS$/,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const c of busy) expect(rows.some((r) => r.startsWith(c.id.slice(0, 12)))).toBe(true);
  });

  it('list shows both containers with runtime, status and pid', async () => {
    const result = await runKatamon(['--root', root, 'list', '--format', 'json']);
    expect(result.code).toBe(0);
    const entries = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; runtime: string; status: string; pid: number });
    for (const c of busy)
      expect(entries).toContainEqual(expect.objectContaining({ id: c.id, status: 'running', pid: c.pid }));
  });
});
