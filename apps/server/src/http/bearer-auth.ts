import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-error.js';

/** Routes a load balancer or kubelet probes without credentials. */
export const UNAUTHENTICATED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/**
 * Checks `Authorization: Bearer <token>` in constant time. Both sides are hashed first so the
 * comparison takes the same time whatever the presented length.
 */
export function createBearerCheck(token: string): (authorization: string | undefined) => void {
  const expected = digest(token);
  return (authorization) => {
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
