import type { AddressInfo } from 'node:net';
import { buildServer, type KatamonServer } from '../build-server.js';
import { inMemoryKatamon, ref, type InMemoryWorld } from '../testing/in-memory-katamon.js';
import { waitUntil } from '@katamon/core-testing';

/** Reads a streaming response until `enough(text)` holds. */
async function readUntil(
  url: string,
  accept: string,
  enough: (text: string) => boolean,
  signal: AbortSignal,
): Promise<string> {
  const response = await fetch(url, { headers: { accept }, signal });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return text;
}

describe('StreamHub through the routes', () => {
  let world: InMemoryWorld;
  let server: KatamonServer;
  let base: string;
  let abort: AbortController;

  beforeEach(async () => {
    abort = new AbortController();
    world = inMemoryKatamon([ref('aaa'), ref('bbb')]);
    server = await buildServer({ katamon: world.katamon, processMetrics: false, streamKeepAliveMs: 50 });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    abort.abort();
    await server.shutdown();
    await world.katamon.close();
  });

  it('shares one sampler per (container, interval, schema) across formats and clients', async () => {
    const url = `${base}/v1/containers/aaa/events?interval=100ms`;
    const twoStats = (t: string) => (t.match(/"type":"stats"/g) ?? []).length >= 2;
    const reads = await Promise.all([
      readUntil(url, 'text/event-stream', twoStats, abort.signal),
      readUntil(url, 'text/event-stream', twoStats, abort.signal),
      readUntil(url, 'application/x-ndjson', twoStats, abort.signal),
    ]);
    expect(server.hub.channelCount).toBe(1);
    expect(reads[0]).toMatch(/^event: stats\ndata: \{"type":"stats","id":"aaa","data":\{/m);
    expect(reads[2]).toMatch(/^\{"type":"stats","id":"aaa","data":\{/);
    // Three clients, one sampler: the source was read about once per tick, not three times.
    const ticks = (reads[0]!.match(/event: stats/g) ?? []).length;
    expect(world.collects.get('aaa')).toBeLessThanOrEqual(ticks + 2);
  });

  it('sends SSE keep-alive comments between samples', async () => {
    const text = await readUntil(
      `${base}/v1/containers/bbb/events?interval=1h`,
      'text/event-stream',
      (t) => t.includes(': keep-alive\n\n'),
      abort.signal,
    );
    expect(text.startsWith(': keep-alive\n\n')).toBe(true);
  });

  it('ends a stream with reason gone when the container goes away', async () => {
    const url = `${base}/v1/containers/bbb/events?interval=100ms`;
    const reading = readUntil(url, 'application/x-ndjson', (t) => t.includes('"type":"end"'), abort.signal);
    // The container goes away once the stream is subscribed, not after a guess at how long that takes.
    await waitUntil(() => (server.hub.clientCount === 1 ? true : undefined), { what: 'the stream to subscribe' });
    world.refs.splice(
      world.refs.findIndex((r) => r.id === 'bbb'),
      1,
    );
    const text = await reading;
    expect(text.trimEnd().split('\n').at(-1)).toBe('{"type":"end","id":"bbb","reason":"gone"}');
    expect(server.hub.clientCount).toBe(0);
  });
});
