import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { readQuery } from '../http/query-params.js';
import { loadDashboardAssets } from './dashboard-assets.js';

export function registerDashboardRoutes(app: FastifyInstance): void {
  const assets = loadDashboardAssets();
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
