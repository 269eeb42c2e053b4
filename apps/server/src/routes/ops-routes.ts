import type { FastifyInstance } from 'fastify';
import { diagnoseKatamon } from '@katamon/core';
import { HttpError } from '../http/http-error.js';
import { negotiate } from '../http/negotiate.js';
import { readQuery } from '../http/query-params.js';
import { EXPOSITION_CONTENT_TYPES } from '../metrics/exposition.js';
import type { ServerContext } from './server-context.js';

const METRICS_OFFERS = ['text/plain', 'application/openmetrics-text'] as const;

/** Health, readiness and the Prometheus endpoint. */
export function registerOpsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', async (request) => {
    readQuery(request.query, []);
    return { status: 'ok' };
  });

  // Ready when every plugin loaded and at least one resolver and one source exist.
  app.get('/readyz', async (request, reply) => {
    readQuery(request.query, []);
    const health = ctx.katamon.health();
    const broken = health.plugins.filter((p) => !p.ok);
    const ready = ctx.accepting() && broken.length === 0 && health.sources.length > 0 && health.resolvers.length > 0;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not-ready',
      plugins: health.plugins,
      sources: health.sources,
      resolvers: health.resolvers,
    });
  });

  // What was probed, what was found, why anything was skipped, which containers could not be read in full.
  app.get('/v1/doctor', async (request) => {
    readQuery(request.query, []);
    return diagnoseKatamon(ctx.katamon);
  });

  app.get('/metrics', async (request, reply) => {
    readQuery(request.query, []);
    const chosen = negotiate(request.headers.accept, METRICS_OFFERS);
    if (chosen === undefined) throw new HttpError(406, 'NOT_ACCEPTABLE', `metrics are ${METRICS_OFFERS.join(' or ')}`);
    const format = chosen === 'application/openmetrics-text' ? 'openmetrics' : 'prometheus';
    const body = await ctx.metrics.render(format);
    return reply.type(EXPOSITION_CONTENT_TYPES[format]).send(body);
  });
}
