import type { ErrorKind } from '@katamon/core';

const brand: unique symbol = Symbol.for('@katamon/kata-agent/KataAgentError');

/** gRPC canonical status codes the agent and ttrpc use (kata-agent-protocol §1.5). */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export interface KataAgentErrorOptions {
  cause?: unknown;
  /** Agent URL, socket or state file involved. */
  path?: string;
  /** gRPC status code when the error is a status the peer sent (or the ttrpc layer produced). */
  grpcCode?: number;
}

/** The kata-agent package's error: a core {@link ErrorKind} plus the ttrpc status code when there is one. */
export class KataAgentError extends Error {
  readonly [brand] = true;
  readonly kind: ErrorKind;
  readonly grpcCode?: number;
  readonly path?: string;

  constructor(kind: ErrorKind, message: string, options: KataAgentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KataAgentError';
    this.kind = kind;
    if (options.grpcCode !== undefined) this.grpcCode = options.grpcCode;
    if (options.path !== undefined) this.path = options.path;
  }

  static is(value: unknown): value is KataAgentError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  /** A status the peer answered with: keeps code and message verbatim (the agent's text may carry quotes). */
  static fromStatus(code: number, message: string): KataAgentError {
    return new KataAgentError(kindOfGrpcCode(code), message, { grpcCode: code });
  }
}

/** One table from status code to katamon kind; everything a peer reports that is not listed is `unavailable`. */
export function kindOfGrpcCode(code: number): ErrorKind {
  switch (code) {
    case GrpcCode.CANCELLED:
      return 'cancelled';
    case GrpcCode.INVALID_ARGUMENT:
    case GrpcCode.OUT_OF_RANGE:
      return 'invalid-argument';
    case GrpcCode.DEADLINE_EXCEEDED:
      return 'timeout';
    case GrpcCode.NOT_FOUND:
      return 'not-found';
    case GrpcCode.PERMISSION_DENIED:
    case GrpcCode.UNAUTHENTICATED:
      return 'permission-denied';
    case GrpcCode.UNIMPLEMENTED:
      return 'unsupported';
    case GrpcCode.DATA_LOSS:
      return 'parse';
    default:
      return 'unavailable';
  }
}
