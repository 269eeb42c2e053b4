import { buildServer, type KatamonServer } from './build-server.js';
import { inMemoryKatamon, ref, type InMemoryWorld } from './testing/in-memory-katamon.js';
import { useRouteHarness } from './testing/route-harness.js';
import { responseValidator } from './testing/openapi-validator.js';

const TOKEN = 'sekrit-token-1234';

describe('buildServer routes', () => {
  const h = useRouteHarness(() => [ref('abc111'), ref('abc222'), ref('def333'), ref('old444', 'stopped')]);

  it('lists containers and resolves ids and prefixes', async () => {
    const list = await h.get('/v1/containers', '/v1/containers');
    expect(list.status).toBe(200);
    expect(list.body.containers.map((c: { id: string }) => c.id)).toEqual(['abc111', 'abc222', 'def333', 'old444']);
    const one = await h.get('/v1/containers/def', '/v1/containers/{id}');
    expect(one.body).toMatchObject({ id: 'def333', status: 'running', pid: 42, cgroup: { version: 2 } });
  });

  it.each([
    ['/v1/containers/abc', 409, 'AMBIGUOUS_CONTAINER_ID'],
    ['/v1/containers/zzz', 404, 'CONTAINER_NOT_FOUND'],
    ['/v1/containers/bad%20id', 400, 'INVALID_ARGUMENT'],
    ['/v1/containers/a%2Fb%2Fc', 400, 'INVALID_ARGUMENT'],
    ['/v1/containers/memory%2Fzzz', 404, 'CONTAINER_NOT_FOUND'],
    ['/v1/containers?label=%3Dx', 400, 'INVALID_ARGUMENT'],
    ['/v1/containers?engine=a&bogus=1', 400, 'UNKNOWN_QUERY_PARAMETER'],
    ['/v1/containers/old444/stats', 409, 'CONTAINER_NOT_RUNNING'],
    ['/v1/containers/def333/stats?schema=xml', 400, 'INVALID_SCHEMA'],
    ['/v1/containers/def333/stats?schema=kata&schema=runc', 400, 'REPEATED_QUERY_PARAMETER'],
    ['/v1/containers/def333/stats?verbose=1', 400, 'UNKNOWN_QUERY_PARAMETER'],
    ['/v1/containers/def333/events?interval=5', 400, 'INVALID_INTERVAL'],
    ['/v1/containers/def333/events?interval=10ms', 400, 'INVALID_INTERVAL'],
    ['/v1/containers/def333/events?interval=2h', 400, 'INVALID_INTERVAL'],
    ['/v1/containers/old444/events', 409, 'CONTAINER_NOT_RUNNING'],
    [`/v1/containers/def333/stats?schema=${'k'.repeat(3000)}`, 414, 'QUERY_TOO_LARGE'],
    [`/v1/containers/${'a'.repeat(1025)}`, 400, 'INVALID_ARGUMENT'],
    ['/v1/nothing', 404, 'ROUTE_NOT_FOUND'],
  ])('error case %#', async (url, status, code) => {
    const template = url.startsWith('/v1/nothing') ? '/v1/containers' : templateOf(url);
    const response = await h.server.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    if (!url.startsWith('/v1/nothing'))
      expect(h.check(template, status, 'application/json', response.json())).toEqual([]);
  });

  it('answers a one-shot with the encoded event and reuses a fresh sample', async () => {
    const first = await h.get('/v1/containers/def/stats', '/v1/containers/{id}/stats');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ type: 'stats', id: 'def333', data: { pids: { current: 1 } } });
    const raw = await h.server.app.inject('/v1/containers/def333/stats?schema=runc');
    expect(raw.body.endsWith('}\n')).toBe(true);
    expect(raw.body.startsWith('{"type":"stats","id":"def333","data":{')).toBe(true);
    expect(h.world.collects.get('def333')).toBe(1);
    const pretty = await h.server.app.inject('/v1/containers/def333/stats?pretty=true');
    expect(pretty.body).toContain('\n  "type": "stats"');
  });

  it('reads the kernel per request with a max age of 0', async () => {
    const fresh = await buildServer({ katamon: h.world.katamon, processMetrics: false, maxAgeMs: 0 });
    const before = h.world.collects.get('abc111') ?? 0;
    for (let i = 0; i < 3; i++) expect((await fresh.app.inject('/v1/containers/abc111/stats')).statusCode).toBe(200);
    expect(h.world.collects.get('abc111')).toBe(before + 3);
    await fresh.shutdown();
  });

  it('refuses a stream format the client does not accept', async () => {
    const response = await h.get('/v1/containers/def333/events', '/v1/containers/{id}/events', {
      accept: 'application/xml',
    });
    expect(response.status).toBe(406);
    expect(response.body.error.code).toBe('NOT_ACCEPTABLE');
  });

  it('serves health, readiness, openapi and the dashboard', async () => {
    expect((await h.get('/healthz', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.get('/readyz', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', sources: ['memory-source'], resolvers: ['memory'] });
    const page = await h.get('/', '/');
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('/ui/uPlot.iife.min.js');
    const uplot = await h.get('/ui/uPlot.iife.min.js', '/ui/{asset}');
    expect(uplot.body).toContain('uPlot');
    expect((await h.get('/ui/missing.js', '/ui/{asset}')).status).toBe(404);
  });

  it('exposes cAdvisor families in both exposition formats', async () => {
    const text = await h.get('/metrics', '/metrics');
    expect(text.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text.body).toContain('# TYPE container_cpu_usage_seconds_total counter');
    expect(text.body).toMatch(
      /container_cpu_usage_seconds_total\{id="\/katamon\/def333",name="def333",image="",pod="",namespace="",container="def333",cpu="total"\} 1\n/,
    );
    expect(text.body).not.toContain('old444",');
    const om = await h.get('/metrics', '/metrics', {
      accept: 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5',
    });
    expect(om.type).toMatch(/^application\/openmetrics-text/);
    expect(om.body).toContain('# TYPE container_cpu_usage_seconds counter\n');
    expect(om.body.endsWith('# EOF\n')).toBe(true);
  });
});

describe('bearer auth', () => {
  let world: InMemoryWorld;
  let server: KatamonServer;
  beforeEach(async () => {
    world = inMemoryKatamon([ref('abc111')]);
    server = await buildServer({ katamon: world.katamon, token: TOKEN, processMetrics: false });
  });
  afterEach(async () => {
    await server.shutdown();
    await world.katamon.close();
  });

  it.each(['/v1/containers', '/metrics', '/openapi.json', '/v1/containers/abc111/stats', '/ui/../metrics'])(
    'guards %s',
    async (url) => {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Basic ${TOKEN}`,
        `Bearer ${TOKEN}x`,
        `bearer ${TOKEN}`,
      ]) {
        const response = await server.app.inject({
          url,
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(response.statusCode).toBe(401);
        expect(response.json().error.code).toBe('UNAUTHORIZED');
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
      const ok = await server.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.statusCode).toBe(200);
    },
  );

  it('leaves health and readiness open, and the dashboard page and its files (no container data)', async () => {
    expect((await server.app.inject('/healthz')).statusCode).toBe(200);
    expect((await server.app.inject('/readyz')).statusCode).toBe(200);
    expect((await server.app.inject('/')).statusCode).toBe(200);
    expect((await server.app.inject('/ui/dashboard.js')).statusCode).toBe(200);
    expect((await server.app.inject('/ui/no-such-file.js')).statusCode).toBe(404);
    // Only one segment below /ui/ is a dashboard file; anything deeper needs the token like any route.
    expect((await server.app.inject('/ui/x/y')).statusCode).toBe(401);
  });
});

function templateOf(url: string): string {
  const path = url.split('?', 1)[0]!;
  if (path.endsWith('/stats')) return '/v1/containers/{id}/stats';
  if (path.endsWith('/events')) return '/v1/containers/{id}/events';
  return '/v1/containers/{id}';
}

describe('the OpenAPI document', () => {
  it('rejects responses that break what it declares', async () => {
    const world = inMemoryKatamon([ref('abc111')]);
    const server = await buildServer({ katamon: world.katamon, processMetrics: false });
    const check = responseValidator((await server.app.inject('/openapi.json')).json());
    expect(
      check('/v1/containers/{id}/stats', 200, 'application/json', {
        type: 'stats',
        id: 'x',
        data: { pids: { current: -1 } },
      }),
    ).not.toEqual([]);
    expect(check('/v1/containers/{id}', 200, 'application/json', { id: 'x' })).not.toEqual([]);
    expect(
      check('/v1/containers/{id}', 404, 'application/json', { error: { code: 'lower-case', message: 'm' } }),
    ).not.toEqual([]);
    expect(check('/v1/containers/{id}', 418, 'application/json', {})).not.toEqual([]);
    await server.shutdown();
    await world.katamon.close();
  });
});

describe('readiness', () => {
  it('is 503 with the broken plugin named when a plugin failed to load', async () => {
    const world = inMemoryKatamon([ref('abc111')]);
    const health = world.katamon.health();
    const katamon = {
      ...world.katamon,
      health: () => ({
        ...health,
        plugins: [
          ...health.plugins,
          { name: 'broken-plugin', ok: false, error: { code: 'KATAMON_PLUGIN_IMPORT', message: 'cannot be imported' } },
        ],
      }),
    };
    const server = await buildServer({ katamon, processMetrics: false });
    const check = responseValidator((await server.app.inject('/openapi.json')).json());
    const response = await server.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'not-ready',
      plugins: [{ name: 'broken-plugin', ok: false, error: { code: 'KATAMON_PLUGIN_IMPORT' } }],
    });
    expect(check('/readyz', 503, 'application/json', response.json())).toEqual([]);
    const metrics = await server.app.inject('/metrics');
    expect(metrics.body).toContain('katamon_plugin_up{plugin="broken-plugin"} 0');
    await server.shutdown();
    await world.katamon.close();
  });
});

describe('the /stats hot path', () => {
  it('answers repeated requests from one sample, identical bytes, nothing logged', async () => {
    const lines: string[] = [];
    const { pino } = await import('pino');
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const world = inMemoryKatamon([ref('abc111')]);
    const server = await buildServer({ katamon: world.katamon, logger, processMetrics: false, maxAgeMs: 600_000 });
    const first = await server.app.inject('/v1/containers/abc111/stats');
    for (let i = 0; i < 5; i++) {
      const again = await server.app.inject('/v1/containers/abc111/stats');
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
    }
    expect(world.collects.get('abc111')).toBe(1);
    expect(lines).toEqual([]);
    await server.shutdown();
    await world.katamon.close();
  });
});

describe('the /stats fast path (before fastify routing, real socket)', () => {
  let world: InMemoryWorld;
  let server: KatamonServer;
  let base: string;

  async function start(options: { token?: string } = {}) {
    world = inMemoryKatamon([ref('abc111'), ref('abc222'), ref('old444', 'stopped')]);
    server = await buildServer({ katamon: world.katamon, processMetrics: false, maxAgeMs: 600_000, ...options });
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  }
  afterEach(async () => {
    await server.shutdown();
    await world.katamon.close();
  });

  async function raw(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}${path}`, { headers });
    const picked: Record<string, string | null> = {};
    for (const name of ['content-type', 'content-length', 'www-authenticate'])
      picked[name] = response.headers.get(name);
    return { status: response.status, body: await response.text(), headers: picked };
  }

  /** What /metrics counts of the fast path's answers (the proof that it, not fastify, answered). */
  async function fastAnswers(): Promise<number> {
    const line = (await raw('/metrics')).body
      .split('\n')
      .find((l) => l.startsWith('katamon_stats_fast_answers_total '));
    return Number(line?.split(' ')[1]);
  }

  it('answers a cache hit with the same status, headers and bytes as the fastify route', async () => {
    await start();
    for (const path of [
      '/v1/containers/abc1/stats',
      '/v1/containers/abc111/stats?schema=runc',
      '/v1/containers/abc111/stats?schema=full',
    ]) {
      const routed = await server.app.inject(path); // fastify's route (inject bypasses the fast path); fills the caches
      const fast = await raw(path); // now a hit: answered by the fast path
      expect(fast.status).toBe(200);
      expect(fast.body).toBe(routed.body);
      expect(fast.headers['content-type']).toBe(routed.headers['content-type']);
      expect(fast.headers['content-length']).toBe(String(routed.headers['content-length']));
    }
    expect(world.collects.get('abc111')).toBe(1);
    expect(await fastAnswers()).toBe(3);
  });

  it('leaves misses, errors, pretty and odd query strings to fastify', async () => {
    await start();
    await raw('/v1/containers/abc111/stats');
    expect((await raw('/v1/containers/abc111/stats?pretty=true')).body).toContain('\n  "type": "stats"');
    expect(JSON.parse((await raw('/v1/containers/abc111/stats?schema=xml')).body).error.code).toBe('INVALID_SCHEMA');
    expect(JSON.parse((await raw('/v1/containers/abc111/stats?schema=kata&schema=runc')).body).error.code).toBe(
      'REPEATED_QUERY_PARAMETER',
    );
    expect(JSON.parse((await raw('/v1/containers/abc111/stats?x=1')).body).error.code).toBe('UNKNOWN_QUERY_PARAMETER');
    expect((await raw('/v1/containers/abc111/stats/')).status).toBe(404);
    expect((await raw('/v1/containers/abc/stats')).status).toBe(409);
    expect((await raw('/v1/containers/old444/stats')).status).toBe(409);
    expect((await raw('/v1/containers/zzz/stats')).status).toBe(404);
    expect((await raw(`/v1/containers/abc111/stats?schema=${'k'.repeat(3000)}`)).status).toBe(414);
    expect(await fastAnswers()).toBe(0);
  });

  it('checks the bearer token on a hit', async () => {
    await start({ token: TOKEN });
    const ok = { authorization: `Bearer ${TOKEN}` };
    expect((await raw('/v1/containers/abc111/stats', ok)).status).toBe(200);
    for (const authorization of [undefined, 'Bearer wrong', `bearer ${TOKEN}`]) {
      const denied = await raw('/v1/containers/abc111/stats', authorization === undefined ? {} : { authorization });
      expect(denied.status).toBe(401);
      expect(denied.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(denied.body).error.code).toBe('UNAUTHORIZED');
    }
    expect((await raw('/v1/containers/abc111/stats', ok)).status).toBe(200);
    // Both 200s after the first (a miss) were hits; the three refusals went to fastify.
    const scrape = await fetch(`${base}/metrics`, { headers: ok });
    expect((await scrape.text()).split('\n')).toContain('katamon_stats_fast_answers_total 1');
  });
});
