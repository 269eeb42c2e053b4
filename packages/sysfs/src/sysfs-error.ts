import type { ErrorKind } from '@katamon/core';

const brand: unique symbol = Symbol.for('@katamon/sysfs/SysfsError');

/** Kinds a kernel pseudo-file read can fail with (a subset of core's closed set). */
export type SysfsErrorKind = Extract<
  ErrorKind,
  'not-found' | 'gone' | 'parse' | 'io' | 'permission-denied' | 'unsupported'
>;

export interface SysfsErrorOptions {
  cause?: unknown;
  /** errno code of the failed system call (`ENOENT`, `ENODEV`, …). */
  errno?: string;
  /** What is wrong, without the path (default: the message). */
  detail?: string;
}

/** The sysfs package's error: always names the file involved. */
export class SysfsError extends Error {
  readonly [brand] = true;
  readonly kind: SysfsErrorKind;
  readonly path: string;
  readonly errno?: string;
  /** What is wrong, without the path: for callers that name the file their own way. */
  readonly detail: string;

  constructor(kind: SysfsErrorKind, message: string, path: string, options: SysfsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SysfsError';
    this.kind = kind;
    this.path = path;
    this.detail = options.detail ?? message;
    if (options.errno !== undefined) this.errno = options.errno;
  }

  static is(value: unknown): value is SysfsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  static isKind(value: unknown, kind: SysfsErrorKind): value is SysfsError {
    return SysfsError.is(value) && value.kind === kind;
  }

  /** A malformed file: the message names the file, as runc's `unable to parse <path>: …`. */
  static parse(path: string, detail: string): SysfsError {
    return new SysfsError('parse', `unable to parse ${path}: ${detail}`, path, { detail });
  }

  /**
   * A file the reader will not open (outside its areas, a link, not a regular file, another filesystem):
   * `permission-denied`, and the message says why without quoting anything the file holds.
   */
  static refused(path: string, why: string): SysfsError {
    return new SysfsError('permission-denied', `refusing ${path}: ${why}`, path, { detail: why });
  }

  /** A file longer than the reader's cap: `io` (EFBIG); nothing of it is kept. */
  static tooLarge(path: string, maxBytes: number): SysfsError {
    const detail = `larger than ${maxBytes} bytes`;
    return new SysfsError('io', `${path} is ${detail}`, path, { errno: 'EFBIG', detail });
  }

  /**
   * Maps a failed system call to a kind; ENODEV/ESTALE mean the kernel object behind an open fd is gone. A
   * SysfsError passes through unchanged.
   */
  static fromSyscall(error: unknown, path: string): SysfsError {
    if (SysfsError.is(error)) return error;
    const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
    const kind: SysfsErrorKind =
      errno === 'ENOENT' || errno === 'ENOTDIR'
        ? 'not-found'
        : errno === 'ENODEV' || errno === 'ESTALE'
          ? 'gone'
          : errno === 'EACCES' || errno === 'EPERM'
            ? 'permission-denied'
            : errno === 'ENOTSUP' || errno === 'EOPNOTSUPP'
              ? 'unsupported'
              : 'io';
    return new SysfsError(kind, `${errno}: ${path}`, path, {
      cause: error,
      errno,
      detail: errno,
    });
  }
}

/** True for a file that does not exist (the caller decides whether that is optional or a gone cgroup). */
export function isNotFound(error: unknown): boolean {
  return SysfsError.isKind(error, 'not-found');
}
