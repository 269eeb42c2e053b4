import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@katamon/core-testing';

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Its own directory: config, file-SD targets, TSDB. */
  dir: string;
  /** An instant query at `time` (seconds, default now); rejects on a query error, naming the expression. */
  query(expr: string, time?: number): Promise<PromSample[]>;
  /** `/api/v1/targets`' active targets. */
  targets(): Promise<{ labels: Record<string, string>; health: string; lastError: string }[]>;
  log(): string;
  stop(): Promise<void>;
}

/** A free loopback port: bound to 0, read, released (Prometheus takes no port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Debian's `prometheus` with its own config (the YAML text given, written as `prometheus.yml` in its own
 * directory, where relative paths such as file-SD target files resolve), its own TSDB and its own loopback
 * port; resolves once `/-/ready` answers.
 */
export async function startPrometheus(config: (dir: string) => string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-prometheus-'));
  const file = join(dir, 'prometheus.yml');
  writeFileSync(file, config(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${file}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const started = await new Promise<Error | undefined>((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(undefined));
  });
  if (started !== undefined)
    throw new Error(`cannot start prometheus (apt-get install prometheus): ${started.message}`);
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${output}`);
      return (await fetch(`${url}/-/ready`).catch(() => undefined))?.status === 200 ? true : undefined;
    },
    { what: 'prometheus to be ready', intervalMs: 100 },
  );

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? response.status}`);
    return body.data;
  }

  return {
    url,
    dir,
    async query(expr, time) {
      const at = time === undefined ? '' : `&time=${time}`;
      try {
        const data = await api<{
          resultType: string;
          result: { metric: Record<string, string>; value: [number, string] }[];
        }>(`/api/v1/query?query=${encodeURIComponent(expr)}${at}`);
        if (data.resultType !== 'vector') throw new Error(`a ${data.resultType}, not a vector`);
        return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
      } catch (error) {
        throw new Error(`query ${expr}: ${(error as Error).message}`);
      }
    },
    async targets() {
      return (
        await api<{ activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] }>(
          '/api/v1/targets?state=active',
        )
      ).activeTargets;
    },
    log: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
