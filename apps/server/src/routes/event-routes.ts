import { isLive, matchesFilter, refKey, type ContainerRef } from '@katamon/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { negotiate } from '../http/negotiate.js';
import { parseBoolean, parseInterval, parseSchema, readQuery } from '../http/query-params.js';
import { readFilteredQuery } from '../http/filter-params.js';
import { ClientStream } from '../streams/client-stream.js';
import { STREAM_CONTENT_TYPES, type StreamFormat } from '../streams/stream-frame.js';
import { requireLive, type ServerContext } from './server-context.js';

const OFFERS = ['application/x-ndjson', 'text/event-stream'] as const;

export function registerEventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>('/v1/containers/:id/events', async (request, reply) => {
    const query = readQuery(request.query, ['interval', 'schema']);
    const intervalMs = parseInterval(query['interval']);
    const schema = parseSchema(query['schema']);
    const format = streamFormat(request);
    const ref = requireLive(await ctx.refs.resolve(request.params.id));
    const client = open(ctx, request, reply, format);
    ctx.hub.subscribe(client, ref, intervalMs, schema, true);
  });

  // Every container in one stream; `all=true` adds created and paused ones to the running ones; `engine`,
  // `label` and `name` keep only some of them.
  app.get('/v1/events', async (request, reply) => {
    const { query, filter } = readFilteredQuery(request.query, ['interval', 'schema', 'all']);
    const intervalMs = parseInterval(query['interval']);
    const schema = parseSchema(query['schema']);
    const all = parseBoolean('all', query['all'], false);
    const format = streamFormat(request);
    const wanted = (ref: ContainerRef): boolean =>
      (ref.status === 'running' || (all && isLive(ref))) && matchesFilter(ref, filter);
    const refs = (await ctx.katamon.list()).filter(wanted);
    const client = open(ctx, request, reply, format);
    const joined = new Set<string>();
    const join = (list: readonly ContainerRef[]): void => {
      for (const ref of list) {
        if (joined.has(refKey(ref))) continue;
        joined.add(refKey(ref));
        ctx.hub.subscribe(client, ref, intervalMs, schema, false);
      }
    };
    join(refs);
    // New containers join at the next interval; ones that leave send their own `end` item.
    const timer = setInterval(() => {
      ctx.refs.list().then(
        (list) => join(list.filter(wanted)),
        (error: unknown) => request.log.warn({ err: error }, 'listing containers for /v1/events failed'),
      );
    }, intervalMs);
    client.onClose(() => clearInterval(timer));
  });
}

function streamFormat(request: FastifyRequest): StreamFormat {
  const chosen = negotiate(request.headers.accept, OFFERS);
  if (chosen === undefined) {
    throw new HttpError(406, 'NOT_ACCEPTABLE', `streams are ${OFFERS.join(' or ')}`);
  }
  return chosen === 'text/event-stream' ? 'sse' : 'ndjson';
}

/** Takes the response over from fastify and registers it with the hub (which ends it at shutdown). */
function open(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, format: StreamFormat): ClientStream {
  if (!ctx.accepting()) throw new HttpError(503, 'SHUTTING_DOWN', 'the server is shutting down');
  if (ctx.hub.clientCount >= ctx.maxStreamClients) {
    throw new HttpError(503, 'TOO_MANY_STREAMS', `at most ${ctx.maxStreamClients} streams are served at once`);
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': STREAM_CONTENT_TYPES[format],
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  const client = new ClientStream(res, format, ctx.maxStreamBufferBytes);
  ctx.hub.attach(client);
  request.log.debug({ format }, 'stream opened');
  return client;
}
