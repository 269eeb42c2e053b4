import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-error.js';

/**
 * Paths served without credentials: the probes a load balancer or kubelet calls, and the dashboard's own files
 * (`/` and `/ui/…`: the page and its script, no container data). A browser cannot put a bearer token on a
 * page load; the page asks for the token and sends it on every data request (`/v1/…`).
 */
const UNAUTHENTICATED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/']);

/** Whether a request path (without its query) is served without a bearer token. */
export function isUnauthenticatedPath(path: string): boolean {
  return UNAUTHENTICATED_PATHS.has(path) || (path.startsWith('/ui/') && !path.includes('/', 4));
}

/** What a token may be made of: visible ASCII, which `Authorization: Bearer <token>` can carry as one word. */
const TOKEN = /^[\x21-\x7e]+$/;

/** Whether a client can present `token` at all (a token with a space, say, could never authenticate). */
export function isPresentableToken(token: string): boolean {
  return TOKEN.test(token);
}

/**
 * Checks `Authorization: Bearer <token>` in constant time. Both sides are hashed first so the
 * comparison takes the same time whatever the presented length. `token` may be a function: the token in
 * force at each request (a re-read `--token-file`).
 */
export function createBearerCheck(token: string | (() => string)): (authorization: string | undefined) => void {
  const current = typeof token === 'string' ? () => token : token;
  let digested = current();
  let expected = digest(digested);
  return (authorization) => {
    const now = current();
    if (now !== digested) {
      digested = now;
      expected = digest(now);
    }
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
    const presented = digest(match?.[1] ?? '');
    // Evaluate the compare even when the header is malformed, so timing does not reveal which check failed.
    const equal = timingSafeEqual(presented, expected);
    if (!equal || match === null) {
      throw new HttpError(401, 'UNAUTHORIZED', 'missing or invalid bearer token');
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
