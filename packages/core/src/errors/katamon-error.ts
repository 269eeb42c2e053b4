/**
 * The closed set of error kinds shared by every katamon package. Apps map kinds to exit codes and HTTP
 * statuses in one table each; adapters raise their own error classes but draw kinds from this set.
 */
export type ErrorKind =
  /** Bad input from the user: id, duration, schema name, flag value. */
  | 'invalid-argument'
  /** No container (or plugin, or file) by that name. */
  | 'not-found'
  /** A prefix matched more than one container. */
  | 'ambiguous'
  /** The container exists but is not running. */
  | 'not-running'
  /** The container went away while being watched. */
  | 'gone'
  /** Malformed content from the kernel, a state file or an agent. */
  | 'parse'
  /** A system call failed. */
  | 'io'
  /** A peer (agent, shim) could not be reached or refused. */
  | 'unavailable'
  /** A deadline passed. */
  | 'timeout'
  /** The caller cancelled. */
  | 'cancelled'
  /** Not permitted. */
  | 'permission-denied'
  /** The host or container lacks what this needs (e.g. no cgroup controller). */
  | 'unsupported'
  /** A plugin failed to load or validate. */
  | 'plugin'
  /** A bug. */
  | 'internal';

export const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid-argument',
  'not-found',
  'ambiguous',
  'not-running',
  'gone',
  'parse',
  'io',
  'unavailable',
  'timeout',
  'cancelled',
  'permission-denied',
  'unsupported',
  'plugin',
  'internal',
];

const brand: unique symbol = Symbol.for('@katamon/core/KatamonError');

export interface KatamonErrorOptions {
  cause?: unknown;
  /** File or endpoint involved. */
  path?: string;
  /** A stable machine-readable code, e.g. `KATAMON_PLUGIN_DUPLICATE`. */
  code?: string;
}

/** The core package's error. `is()` works across duplicate copies of the package (global symbol brand). */
export class KatamonError extends Error {
  readonly [brand] = true;
  readonly kind: ErrorKind;
  readonly path?: string;
  readonly code?: string;

  constructor(kind: ErrorKind, message: string, options: KatamonErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KatamonError';
    this.kind = kind;
    if (options.path !== undefined) this.path = options.path;
    if (options.code !== undefined) this.code = options.code;
  }

  static is(value: unknown): value is KatamonError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  static isKind(value: unknown, kind: ErrorKind): value is KatamonError {
    return KatamonError.is(value) && value.kind === kind;
  }
}

/** Anything with a `kind` from {@link ErrorKind}: KatamonError or an adapter's own error class. */
export function errorKindOf(value: unknown): ErrorKind {
  if (typeof value === 'object' && value !== null) {
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind === 'string' && (ERROR_KINDS as readonly string[]).includes(kind)) return kind as ErrorKind;
  }
  return 'internal';
}
