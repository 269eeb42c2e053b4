import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { KATAMON_BIN } from '../katamon-dist.js';
import { get, type HttpAnswer } from './http-client.js';
import { responseValidator } from './openapi-validator.js';
import { bundleServer, startServer, type ServerProcess } from './server-process.js';

const CLI = KATAMON_BIN;
const TOKEN = 'e2e-token-0123456789';

/** Numbers blanked: two samples of one container differ in values, never in keys, order or shape. */
const shape = (text: string) => text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, '0');

describe('katamon-server API against real runc containers', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const tag = Math.random().toString(36).slice(2, 8);
  const root = mkdtempSync(join(tmpdir(), 'katamon-srv-root-'));
  const work = mkdtempSync(join(tmpdir(), 'katamon-srv-'));
  const containers: RuncContainer[] = [];
  let server: ServerProcess;
  let check: ReturnType<typeof responseValidator>;
  let first: RuncContainer;
  let stopped: RuncContainer;

  beforeAll(async () => {
    bundleServer();
    first = await startRuncContainer({ id: `srv${tag}-one`, root });
    containers.push(first, await startRuncContainer({ id: `srv${tag}-two`, root }));
    stopped = await startRuncContainer({ id: `old${tag}`, root });
    containers.push(stopped);
    await stopped.kill();
    server = await startServer(['--root', root]);
    const doc = await get(server.address, '/openapi.json');
    check = responseValidator(doc.json as Record<string, unknown>);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    for (const c of containers) await c.delete();
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  async function call(path: string, template: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const answer = await get(server.address, path, headers);
    expect(check(template, answer.status, answer.type, answer.json ?? answer.text)).toEqual([]);
    return answer;
  }

  it('lists the containers of the runc root, stopped ones included', async () => {
    const answer = await call('/v1/containers', '/v1/containers');
    expect(answer.status).toBe(200);
    const listed = (answer.json as { containers: { id: string; status: string }[] }).containers;
    expect(listed.map((c) => [c.id, c.status])).toEqual([
      [`old${tag}`, 'stopped'],
      [`srv${tag}-one`, 'running'],
      [`srv${tag}-two`, 'running'],
    ]);
  });

  it('resolves a unique prefix to the full container', async () => {
    const answer = await call(`/v1/containers/srv${tag}-o`, '/v1/containers/{id}');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: first.id, status: 'running', pid: first.pid, runtime: 'runc' });
  });

  it.each([
    ['ambiguous prefix', () => `/v1/containers/srv${tag}`, '/v1/containers/{id}', 409, 'AMBIGUOUS_CONTAINER_ID'],
    ['unknown id', () => `/v1/containers/nope${tag}`, '/v1/containers/{id}', 404, 'CONTAINER_NOT_FOUND'],
    ['bad id', () => '/v1/containers/bad%24id', '/v1/containers/{id}', 400, 'INVALID_ARGUMENT'],
    [
      'stats of a stopped container',
      () => `/v1/containers/old${tag}/stats`,
      '/v1/containers/{id}/stats',
      409,
      'CONTAINER_NOT_RUNNING',
    ],
    [
      'events of a stopped container',
      () => `/v1/containers/old${tag}/events`,
      '/v1/containers/{id}/events',
      409,
      'CONTAINER_NOT_RUNNING',
    ],
    [
      'bad schema',
      () => `/v1/containers/srv${tag}-one/stats?schema=docker`,
      '/v1/containers/{id}/stats',
      400,
      'INVALID_SCHEMA',
    ],
    [
      'unparsable interval',
      () => `/v1/containers/srv${tag}-one/events?interval=3`,
      '/v1/containers/{id}/events',
      400,
      'INVALID_INTERVAL',
    ],
    [
      'interval below 100ms',
      () => `/v1/containers/srv${tag}-one/events?interval=99ms`,
      '/v1/containers/{id}/events',
      400,
      'INVALID_INTERVAL',
    ],
    ['interval above 1h', () => '/v1/events?interval=61m', '/v1/events', 400, 'INVALID_INTERVAL'],
    ['unknown query parameter', () => '/v1/containers?limit=1', '/v1/containers', 400, 'UNKNOWN_QUERY_PARAMETER'],
    [
      'oversized query',
      () => `/v1/containers/srv${tag}-one/stats?schema=${'x'.repeat(4000)}`,
      '/v1/containers/{id}/stats',
      414,
      'QUERY_TOO_LARGE',
    ],
    [
      'unacceptable stream type',
      () => `/v1/containers/srv${tag}-one/events`,
      '/v1/containers/{id}/events',
      406,
      'NOT_ACCEPTABLE',
    ],
  ])('%s → exact status and code', async (_name, path, template, status, code) => {
    const headers: Record<string, string> = code === 'NOT_ACCEPTABLE' ? { accept: 'text/html' } : {};
    const answer = await call(path(), template, headers);
    expect(answer.status).toBe(status);
    expect((answer.json as { error: { code: string } }).error.code).toBe(code);
  });

  it.each(['kata', 'runc', 'full'] as const)('GET /stats?schema=%s prints what the CLI prints', async (schema) => {
    const answer = await call(`/v1/containers/srv${tag}-one/stats?schema=${schema}`, '/v1/containers/{id}/stats');
    expect(answer.status).toBe(200);
    const cli = execFileSync(
      process.execPath,
      [CLI, 'events', '--stats', '--schema', schema, '--root', root, `srv${tag}-one`],
      { encoding: 'utf8' },
    );
    expect(answer.text.endsWith('\n')).toBe(true);
    expect(shape(answer.text)).toBe(shape(cli));
  });

  it('answers a repeated /stats from the cached sample before routing, with the same bytes', async () => {
    // A max age no loaded machine outlives between two requests: the second one is a cache hit.
    const cached = await startServer(['--root', root, '--max-age', '3600000']);
    try {
      const path = `/v1/containers/srv${tag}-one/stats?schema=runc`;
      const routed = await get(cached.address, path);
      const fast = await get(cached.address, path);
      expect(fast.status).toBe(200);
      expect(fast.text).toBe(routed.text);
      expect(fast.headers['content-type']).toBe(routed.headers['content-type']);
      expect(fast.headers['content-length']).toBe(routed.headers['content-length']);
      // The server's own count of the fast path's answers: the first request was routed, the second was not.
      const scrape = await get(cached.address, '/metrics');
      expect(scrape.text.split('\n')).toContain('katamon_stats_fast_answers_total 1');
    } finally {
      await cached.stop();
    }
  });

  it('serves health, readiness, metrics, the document and the dashboard as declared', async () => {
    expect((await call('/healthz', '/healthz')).status).toBe(200);
    const ready = await call('/readyz', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready' });
    expect((await call('/metrics', '/metrics')).status).toBe(200);
    const om = await call('/metrics', '/metrics', { accept: 'application/openmetrics-text' });
    expect(om.type.startsWith('application/openmetrics-text')).toBe(true);
    expect((await call('/', '/')).text).toContain('uPlot');
    expect((await call('/ui/uPlot.iife.min.js', '/ui/{asset}')).status).toBe(200);
    expect((await call('/openapi.json', '/openapi.json')).status).toBe(200);
  });

  it('is not ready, and says why, when a named plugin cannot be loaded', async () => {
    const broken = await startServer(['--root', root, '--plugin', join(work, 'no-such-plugin.mjs')]);
    try {
      const ready = await get(broken.address, '/readyz');
      expect(ready.status).toBe(503);
      expect(check('/readyz', 503, ready.type, ready.json)).toEqual([]);
      const plugins = (ready.json as { plugins: { name: string; ok: boolean; error?: { code: string } }[] }).plugins;
      expect(plugins.find((p) => !p.ok)).toMatchObject({
        name: join(work, 'no-such-plugin.mjs'),
        error: { code: 'KATAMON_PLUGIN_IMPORT' },
      });
      expect((await get(broken.address, '/healthz')).status).toBe(200);
      // The built-in plugins still serve.
      expect((await get(broken.address, `/v1/containers/srv${tag}-one`)).status).toBe(200);
    } finally {
      await broken.stop();
    }
  });

  describe('with --token-file, TLS and a unix socket', () => {
    let secure: ServerProcess;
    let local: ServerProcess;
    beforeAll(async () => {
      writeFileSync(join(work, 'token'), `${TOKEN}\n`);
      const tls = join(import.meta.dirname, 'tls');
      secure = await startServer([
        '--root',
        root,
        '--token-file',
        join(work, 'token'),
        '--tls-cert',
        join(tls, 'cert.pem'),
        '--tls-key',
        join(tls, 'key.pem'),
      ]);
      local = await startServer(['--root', root, '--socket', join(work, 'katamon.sock')]);
    }, 60_000);
    afterAll(async () => {
      await secure?.stop();
      await local?.stop();
    });

    it('serves HTTPS and refuses a missing or wrong token with 401 UNAUTHORIZED', async () => {
      expect(secure.address.startsWith('https://127.0.0.1:')).toBe(true);
      for (const path of ['/v1/containers', `/v1/containers/srv${tag}-one/stats`, '/metrics', '/openapi.json']) {
        for (const headers of [
          {},
          { authorization: 'Bearer wrong' },
          { authorization: `Bearer ${TOKEN}0` },
          { authorization: TOKEN },
        ] as Record<string, string>[]) {
          const answer = await get(secure.address, path, headers);
          expect(answer.status).toBe(401);
          expect((answer.json as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
        }
        expect((await get(secure.address, path, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      }
      expect((await get(secure.address, '/healthz')).status).toBe(200);
      expect((await get(secure.address, '/readyz')).status).toBe(200);
      // The dashboard's own files (no container data) load without a token: the page asks for it.
      expect((await get(secure.address, '/')).status).toBe(200);
      expect((await get(secure.address, '/ui/dashboard.js')).status).toBe(200);
      expect((await get(secure.address, '/ui/../v1/containers')).status).toBe(401);
    });

    it('answers on a unix socket', async () => {
      expect(local.address).toBe(join(work, 'katamon.sock'));
      const answer = await get(local.address, `/v1/containers/srv${tag}-two`);
      expect(answer.json).toMatchObject({ id: `srv${tag}-two` });
    });
  });
});
