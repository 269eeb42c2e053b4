import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { readQuery } from '../http/query-params.js';

/** The dashboard's files, read once at start; uPlot comes from node_modules, never a CDN. */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  const dir = new URL('../../dashboard/', import.meta.url);
  const uplot = createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js');
  const file = (path: string | URL, type: string) => ({ type, body: readFileSync(path) });
  return new Map([
    ['/', file(new URL('index.html', dir), 'text/html; charset=utf-8')],
    ['/ui/dashboard.js', file(new URL('dashboard.js', dir), 'text/javascript; charset=utf-8')],
    ['/ui/dashboard.css', file(new URL('dashboard.css', dir), 'text/css; charset=utf-8')],
    ['/ui/uPlot.iife.min.js', file(uplot, 'text/javascript; charset=utf-8')],
    ['/ui/uPlot.min.css', file(uplot.replace(/uPlot\.iife\.min\.js$/, 'uPlot.min.css'), 'text/css; charset=utf-8')],
  ]);
}

export function registerDashboardRoutes(app: FastifyInstance): void {
  const assets = loadAssets();
  const serve = (path: string) => {
    const asset = assets.get(path);
    if (asset === undefined) throw new HttpError(404, 'ROUTE_NOT_FOUND', `no such asset ${path.slice(0, 64)}`);
    return asset;
  };
  // Same-origin only, no inline script: the page can only talk to this server.
  const csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
  app.get('/', async (request, reply) => {
    readQuery(request.query, []);
    const asset = serve('/');
    return reply.type(asset.type).header('content-security-policy', csp).send(asset.body);
  });
  app.get<{ Params: { asset: string } }>('/ui/:asset', async (request, reply) => {
    readQuery(request.query, []);
    const asset = serve(`/ui/${request.params.asset}`);
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
}
