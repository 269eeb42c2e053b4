import { SCHEMA_NAMES, parseGoDuration, type SchemaName } from '@katamon/core';
import { HttpError } from './http-error.js';
import { REQUEST_LIMITS } from './request-limits.js';

/**
 * The query string as untrusted input: only the listed names, each at most once, values as strings.
 * Unknown names are refused rather than ignored so that a typo (`?intreval=`) never silently falls back.
 */
export function readQuery(raw: unknown, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const query = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) {
      throw new HttpError(
        400,
        'UNKNOWN_QUERY_PARAMETER',
        `unknown query parameter "${name.slice(0, 64)}"`,
        'invalid-argument',
      );
    }
    if (typeof value !== 'string') {
      throw new HttpError(
        400,
        'REPEATED_QUERY_PARAMETER',
        `query parameter "${name}" given more than once`,
        'invalid-argument',
      );
    }
    out[name] = value;
  }
  return out;
}

export function parseSchema(value: string | undefined): SchemaName {
  if (value === undefined) return 'kata';
  if ((SCHEMA_NAMES as readonly string[]).includes(value)) return value as SchemaName;
  throw new HttpError(
    400,
    'INVALID_SCHEMA',
    `unknown schema "${value.slice(0, 64)}" (expected ${SCHEMA_NAMES.join(', ')})`,
    'invalid-argument',
  );
}

/** A Go duration (`3s`, `500ms`, `1m30s`) bounded to [100ms, 1h]; the default is kata/runc's 5s. */
export function parseInterval(value: string | undefined): number {
  if (value === undefined) return 5000;
  let ns: bigint;
  try {
    ns = parseGoDuration(value);
  } catch (error) {
    throw new HttpError(
      400,
      'INVALID_INTERVAL',
      error instanceof Error ? error.message : String(error),
      'invalid-argument',
    );
  }
  const { minIntervalMs, maxIntervalMs } = REQUEST_LIMITS;
  if (ns < BigInt(minIntervalMs) * 1_000_000n || ns > BigInt(maxIntervalMs) * 1_000_000n) {
    throw new HttpError(
      400,
      'INVALID_INTERVAL',
      `interval must be between ${minIntervalMs}ms and 1h`,
      'invalid-argument',
    );
  }
  return Number(ns / 1_000_000n);
}

/** `true`/`false` (and `1`/`0`); absent means `fallback`. */
export function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1' || value === '') return true;
  if (value === 'false' || value === '0') return false;
  throw new HttpError(400, 'INVALID_ARGUMENT', `query parameter "${name}" must be true or false`, 'invalid-argument');
}
