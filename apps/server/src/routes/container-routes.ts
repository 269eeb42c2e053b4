import { filterContainers, isLive, type SchemaName } from '@katamon/core';
import { JSON_CONTENT_TYPE } from '../metrics/sample-cache.js';
import { sampleEventJson } from '../streams/stream-frame.js';
import type { FastifyInstance } from 'fastify';
import { parseBoolean, parseSchema, readQuery } from '../http/query-params.js';
import { readFilteredQuery } from '../http/filter-params.js';
import { containerView } from './container-view.js';
import { requireLive, type ServerContext } from './server-context.js';

interface IdParams {
  id: string;
}

export function registerContainerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/v1/containers', async (request) => {
    const { filter } = readFilteredQuery(request.query, []);
    const refs = filterContainers(await ctx.katamon.list(), filter);
    return { containers: refs.map(containerView) };
  });

  app.get<{ Params: IdParams }>('/v1/containers/:id', async (request) => {
    readQuery(request.query, []);
    return containerView(await ctx.refs.resolve(request.params.id));
  });

  // The same bytes `katamon events --stats` prints, trailing newline included.
  app.get<{ Params: IdParams }>('/v1/containers/:id/stats', (request, reply) => {
    const query = readQuery(request.query, ['schema', 'pretty']);
    const schema: SchemaName = parseSchema(query['schema']);
    const pretty = parseBoolean('pretty', query['pretty'], false);
    // Hot path: resolution and sample both cached, answered without a promise.
    const known = pretty ? undefined : ctx.refs.peek(request.params.id);
    const hit = known !== undefined && isLive(known) ? ctx.cache.peekBody(known, schema) : undefined;
    if (hit !== undefined) {
      // A synchronous handler must return nothing once it has sent (returning `reply` logs "already sent").
      reply.type(JSON_TYPE).send(hit.body);
      return undefined;
    }
    return answerStats(ctx, request.params.id, schema, pretty).then((body) => reply.type(JSON_TYPE).send(body));
  });
}

const JSON_TYPE = JSON_CONTENT_TYPE;

async function answerStats(ctx: ServerContext, id: string, schema: SchemaName, pretty: boolean): Promise<string> {
  const ref = requireLive(await ctx.refs.resolve(id));
  const body = pretty ? sampleEventJson(await ctx.cache.sample(ref), schema, true) : await ctx.cache.event(ref, schema);
  return `${body}\n`;
}
