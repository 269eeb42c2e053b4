import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { get } from './http-client.js';
import { responseValidator } from './openapi-validator.js';
import { bundleServer, startServer, type ServerProcess } from './server-process.js';
import { StreamReader } from './stream-reader.js';

const gauge = (text: string, name: string): number => {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
};

/** Gaps between consecutive sample timestamps (full schema), in ms. */
function gaps(readers: StreamReader): number[] {
  const stamps = readers.events
    .filter((e) => e.event === 'stats')
    .map((e) => (JSON.parse(e.data) as { timestamp: number }).timestamp);
  return stamps.slice(1).map((t, i) => t - stamps[i]!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('streams from katamon-server', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-streams-root-'));
  const work = mkdtempSync(join(tmpdir(), 'katamon-streams-'));
  const containers: RuncContainer[] = [];
  let server: ServerProcess;
  let check: ReturnType<typeof responseValidator>;

  beforeAll(async () => {
    bundleServer();
    for (let i = 0; i < 3; i++)
      containers.push(await startRuncContainer({ root, id: `stream${i}-${Math.random().toString(36).slice(2, 8)}` }));
    server = await startServer(['--root', root]);
    check = responseValidator((await get(server.address, '/openapi.json')).json as Record<string, unknown>);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    for (const c of containers) await c.delete();
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it.each([
    ['text/event-stream', 200],
    ['application/x-ndjson', 300],
  ] as const)('%s delivers one event per %ims interval', async (accept, interval) => {
    const id = containers[0]!.id;
    const reader = new StreamReader(
      server.address,
      `/v1/containers/${id}/events?interval=${interval}ms&schema=full`,
      accept,
    );
    await reader.until(() => reader.count('stats') >= 6);
    reader.close();
    expect(reader.status).toBe(200);
    expect(reader.headers).toMatch(new RegExp(`content-type: ${accept}`, 'i'));
    const type = /content-type: ([^\r\n]+)/i.exec(reader.headers)![1]!;
    expect(
      check('/v1/containers/{id}/events', reader.status, type, reader.events.map((e) => e.data).join('\n')),
    ).toEqual([]);
    for (const e of reader.events) expect(JSON.parse(e.data)).toMatchObject({ type: 'stats', id });
    const observed = median(gaps(reader));
    expect(observed).toBeGreaterThanOrEqual(interval * 0.8);
    // A tick missed under load is dropped, not queued (runc semantics), so a loaded host may show some 2x gaps.
    expect(observed).toBeLessThanOrEqual(interval * 2);
  });

  it('NDJSON lines are the compact events the CLI prints', async () => {
    const id = containers[1]!.id;
    const reader = new StreamReader(
      server.address,
      `/v1/containers/${id}/events?interval=100ms&schema=runc`,
      'application/x-ndjson',
    );
    await reader.until(() => reader.count('stats') >= 2);
    reader.close();
    for (const e of reader.events) {
      expect(e.data.startsWith(`{"type":"stats","id":"${id}","data":{"cpu":{"usage":{"total":`)).toBe(true);
      expect(e.data).not.toContain(' ');
    }
  });

  it('/v1/events streams every running container', async () => {
    const reader = new StreamReader(server.address, '/v1/events?interval=100ms', 'text/event-stream');
    const seen = () => new Set(reader.events.map((e) => (JSON.parse(e.data) as { id: string }).id));
    await reader.until(() => seen().size === containers.length);
    reader.close();
    expect([...seen()].sort()).toEqual(containers.map((c) => c.id).sort());
  });

  it('drops a client that never reads, with a reason, and its buffer is freed', async () => {
    const local = await startServer(['--root', root, '--socket', join(work, 'slow.sock'), '--stream-buffer', '16384']);
    try {
      const baseline = (await get(local.address, '/metrics')).text;
      expect(gauge(baseline, 'katamon_stream_clients')).toBe(0);
      const stalled = new StreamReader(local.address, '/v1/events?interval=100ms&schema=full', 'text/event-stream', {
        read: false,
      });
      let peak = 0;
      let metrics = '';
      for (let i = 0; i < 300; i++) {
        metrics = (await get(local.address, '/metrics')).text;
        peak = Math.max(peak, gauge(metrics, 'katamon_stream_buffered_bytes'));
        if (/katamon_stream_closed_total\{reason="slow-consumer"\} 1/.test(metrics)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(metrics).toMatch(/katamon_stream_closed_total\{reason="slow-consumer"\} 1/);
      // Never more than the bound plus the frames of one tick (three full-schema events) was held.
      expect(peak).toBeLessThanOrEqual(16384 + 3 * 8192);
      expect(gauge(metrics, 'katamon_stream_clients')).toBe(0);
      expect(gauge(metrics, 'katamon_stream_buffered_bytes')).toBe(0);
      expect(gauge(metrics, 'katamon_stream_samplers')).toBe(0);
      // What the kernel had taken is still readable: events, then the socket closes.
      stalled.resume();
      await stalled.until(() => stalled.closed);
      expect(stalled.count('stats')).toBeGreaterThan(0);
      expect(local.stderr()).toContain('slow-consumer');
    } finally {
      await local.stop();
    }
  }, 60_000);

  it('on SIGTERM ends every stream with a final event and exits 0', async () => {
    const ending = await startServer(['--root', root, '--shutdown-timeout', '3000']);
    const sse = new StreamReader(
      ending.address,
      `/v1/containers/${containers[2]!.id}/events?interval=100ms`,
      'text/event-stream',
    );
    const ndjson = new StreamReader(ending.address, '/v1/events?interval=100ms', 'application/x-ndjson');
    await sse.until(() => sse.count('stats') >= 1);
    await ndjson.until(() => ndjson.count('stats') >= 1);
    const code = await ending.stop('SIGTERM');
    await sse.until(() => sse.closed);
    await ndjson.until(() => ndjson.closed);
    expect(code).toBe(0);
    expect(sse.events.at(-1)).toEqual({ event: 'end', data: JSON.stringify({ type: 'end', reason: 'shutdown' }) });
    expect(JSON.parse(ndjson.events.at(-1)!.data)).toEqual({ type: 'end', reason: 'shutdown' });
  });
});
