import type { SchemaName } from '@katamon/core';
import { sampleEventJson } from '../streams/stream-frame.js';
import type { FastifyInstance } from 'fastify';
import { parseBoolean, parseSchema, readQuery } from '../http/query-params.js';
import { containerView } from './container-view.js';
import { requireLive, type ServerContext } from './server-context.js';

interface IdParams {
  id: string;
}

export function registerContainerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/v1/containers', async (request) => {
    readQuery(request.query, []);
    const refs = await ctx.katamon.list();
    return { containers: refs.map(containerView) };
  });

  app.get<{ Params: IdParams }>('/v1/containers/:id', async (request) => {
    readQuery(request.query, []);
    return containerView(await ctx.refs.resolve(request.params.id));
  });

  // The same bytes `katamon events --stats` prints, trailing newline included.
  app.get<{ Params: IdParams }>('/v1/containers/:id/stats', async (request, reply) => {
    const query = readQuery(request.query, ['schema', 'pretty']);
    const schema: SchemaName = parseSchema(query['schema']);
    const pretty = parseBoolean('pretty', query['pretty'], false);
    const ref = requireLive(await ctx.refs.resolve(request.params.id));
    let body: string;
    if (pretty) {
      body = sampleEventJson(await ctx.cache.sample(ref), schema, true);
    } else {
      body = await ctx.cache.event(ref, schema);
    }
    return reply.type('application/json; charset=utf-8').send(`${body}\n`);
  });
}
