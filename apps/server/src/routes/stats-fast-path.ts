import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * The cache-hit path of `GET /v1/containers/{id}/stats`, answered before fastify routes the request: when the
 * id was resolved within the max age (so it already passed validation) and a fresh sample is cached, the
 * pre-encoded answer (same bytes and headers as the fastify route) is written at once — no routing, no
 * request/reply objects, no hooks, no promise, no per-request string. Everything else returns false and
 * fastify answers it exactly as before: misses, `pretty`, other query strings, percent-encoded ids, a failed
 * or missing bearer token (401 comes from the onRequest hook), shutdown (503), any other route or method.
 */
export function createStatsFastPath(
  ctx: ServerContext,
  checkToken: ((authorization: string | undefined) => void) | undefined,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url;
    if (
      req.method !== 'GET' ||
      url === undefined ||
      url.length > REQUEST_LIMITS.maxUrlLength ||
      !url.startsWith(PREFIX)
    )
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
    return true;
  };
}
