import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { FastifyServerFactory } from 'fastify';
import type { SchemaName } from '@katamon/core';
import { REQUEST_LIMITS } from '../http/request-limits.js';
import type { ServerContext } from './server-context.js';

const PREFIX = '/v1/containers/';
const SUFFIX = '/stats';
/** The only query strings the fast path takes; anything else (pretty, repeats, unknown names) goes to fastify. */
const QUERY_SCHEMAS: ReadonlyMap<string, SchemaName> = new Map<string, SchemaName>([
  ['', 'kata'],
  ['?schema=kata', 'kata'],
  ['?schema=runc', 'runc'],
  ['?schema=full', 'full'],
]);

/** What the fast path reads: the routes' context, the bearer check, and where it counts its answers. */
export interface StatsFastPath {
  ctx: ServerContext;
  checkToken: ((authorization: string | undefined) => void) | undefined;
  answered(): void;
}

/**
 * fastify's `serverFactory`: the HTTP(S) server fastify would make, with the same timeouts, whose request
 * handler first offers each request to the /stats fast path ({@link answerFromCache}), once `fastPath()` has
 * one (buildServer sets it before the server listens). Everything the fast path declines goes to fastify's
 * handler unchanged. `app.inject()` calls fastify's routing directly, so only real HTTP reaches this.
 */
export function statsFastPathServer(fastPath: () => StatsFastPath | undefined): FastifyServerFactory<Server> {
  return (handler, options) => {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const path = fastPath();
      if (path === undefined || !answerFromCache(path, req, res)) handler(req, res);
    };
    const https = options['https'] as ServerOptions | undefined;
    const server = https === undefined ? createServer(onRequest) : createHttpsServer(https, onRequest);
    server.keepAliveTimeout = options['keepAliveTimeout'] as number;
    server.requestTimeout = options['requestTimeout'] as number;
    server.setTimeout(options['connectionTimeout'] as number);
    const perSocket = options['maxRequestsPerSocket'] as number | undefined;
    if (perSocket !== undefined && perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}

/**
 * The cache-hit path of `GET /v1/containers/{id}/stats`, answered before fastify routes the request: when the
 * id was resolved within the max age (so it already passed validation) and a fresh sample is cached, the
 * pre-encoded answer (same bytes and headers as the fastify route) is written at once — no routing, no
 * request/reply objects, no hooks, no promise, no per-request string. Everything else returns false and
 * fastify answers it exactly as before: misses, `pretty`, other query strings, percent-encoded ids, a failed
 * or missing bearer token (401 comes from the onRequest hook), shutdown (503), any other route or method.
 */
export function answerFromCache(
  { ctx, checkToken, answered }: StatsFastPath,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = req.url;
  if (req.method !== 'GET' || url === undefined || url.length > REQUEST_LIMITS.maxUrlLength || !url.startsWith(PREFIX))
    return false;
  const query = url.indexOf('?', PREFIX.length);
  const path = query === -1 ? url.length : query;
  const idEnd = path - SUFFIX.length;
  if (idEnd <= PREFIX.length || !url.startsWith(SUFFIX, idEnd)) return false;
  const schema = QUERY_SCHEMAS.get(query === -1 ? '' : url.slice(query));
  if (schema === undefined || !ctx.accepting()) return false;
  const id = url.slice(PREFIX.length, idEnd);
  // A raw id only: fastify decodes `%xx` and routes `/` differently, so those take the normal path.
  if (id.includes('/') || id.includes('%')) return false;
  const ref = ctx.refs.peek(id);
  if (ref === undefined || ref.status === 'stopped') return false;
  if (checkToken !== undefined) {
    try {
      checkToken(req.headers.authorization);
    } catch {
      return false;
    }
  }
  const hit = ctx.cache.peekBody(ref, schema);
  if (hit === undefined) return false;
  res.writeHead(200, hit.headers as string[]);
  res.end(hit.body);
  answered();
  return true;
}
