import { errorKindOf, type ErrorKind } from '@katamon/core';

/** An error the server answers with a fixed status and a stable, documented code. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly kind: ErrorKind | undefined;

  constructor(status: number, code: string, message: string, kind?: ErrorKind) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.kind = kind;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; kind?: ErrorKind };
}

/**
 * One row per core error kind. `not-running` is 409: the container exists but its state conflicts
 * with the request (404 would tell a script to stop retrying a container that still exists). `plugin` is
 * 502, like a malformed source answer: a third-party plugin answered wrongly (or is restarting), which is not
 * a bug of the server (500 stays for `internal`).
 */
export const KIND_TO_HTTP: Readonly<Record<ErrorKind, { status: number; code: string }>> = {
  'invalid-argument': { status: 400, code: 'INVALID_ARGUMENT' },
  'not-found': { status: 404, code: 'CONTAINER_NOT_FOUND' },
  ambiguous: { status: 409, code: 'AMBIGUOUS_CONTAINER_ID' },
  'not-running': { status: 409, code: 'CONTAINER_NOT_RUNNING' },
  gone: { status: 410, code: 'CONTAINER_GONE' },
  parse: { status: 502, code: 'SOURCE_PARSE_ERROR' },
  io: { status: 500, code: 'SOURCE_IO_ERROR' },
  unavailable: { status: 503, code: 'SOURCE_UNAVAILABLE' },
  timeout: { status: 504, code: 'SOURCE_TIMEOUT' },
  cancelled: { status: 503, code: 'CANCELLED' },
  'permission-denied': { status: 403, code: 'PERMISSION_DENIED' },
  unsupported: { status: 501, code: 'UNSUPPORTED' },
  plugin: { status: 502, code: 'PLUGIN_ERROR' },
  internal: { status: 500, code: 'INTERNAL' },
};

/** Maps anything thrown by the facade (or the server) to one HttpError. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const kind = errorKindOf(error);
  const row = KIND_TO_HTTP[kind];
  // Internal errors keep their detail in the log, not in the response.
  const message = kind === 'internal' ? 'internal error' : error instanceof Error ? error.message : String(error);
  return new HttpError(row.status, row.code, message, kind);
}

export function errorBody(error: HttpError): ErrorBody {
  return {
    error: { code: error.code, message: error.message, ...(error.kind === undefined ? {} : { kind: error.kind }) },
  };
}
