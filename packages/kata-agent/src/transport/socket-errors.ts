import type { ErrorKind } from '@katamon/core';
import { KataAgentError } from '../errors/kata-agent-error.js';

/** errno → kind for connect failures: what a retry may fix is `unavailable`. */
export function connectError(err: unknown, target: string): KataAgentError {
  const code = (err as { code?: unknown }).code;
  const kind: ErrorKind =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission-denied'
      : code === 'EAFNOSUPPORT' || code === 'ENODEV' || code === 'ESOCKTNOSUPPORT' || code === 'EPROTONOSUPPORT'
        ? 'unsupported'
        : code === 'ETIMEDOUT'
          ? 'timeout'
          : 'unavailable';
  const message = err instanceof Error ? err.message : String(err);
  return new KataAgentError(kind, `cannot connect to ${target}: ${message}`, { cause: err, path: target });
}
