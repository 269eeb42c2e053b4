import { KatamonError } from '../errors/katamon-error.js';

export const MAX_UINT64 = 0xffff_ffff_ffff_ffffn;
export const MIN_INT64 = -0x8000_0000_0000_0000n;
export const MAX_INT64 = 0x7fff_ffff_ffff_ffffn;

/** A uint64 as Go prints it: exact decimal. Out-of-range values are a bug upstream, never truncated. */
export function u64(v: bigint): string {
  if (v < 0n || v > MAX_UINT64) throw outOfRange(v, 'uint64');
  return v.toString();
}

export function i64(v: bigint): string {
  if (v < MIN_INT64 || v > MAX_INT64) throw outOfRange(v, 'int64');
  return v.toString();
}

/** A uint16 list element (cpuset ids). */
export function u16(v: number): string {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw outOfRange(v, 'uint16');
  return '' + v;
}

/**
 * float64 as Go `encoding/json` prints it: shortest round-trip digits, fixed notation within
 * [1e-6, 1e21), exponent form outside it with a minimal exponent (`1e-7`, `1e+21`). That is exactly
 * ECMAScript Number#toString, except for negative zero, which Go prints as `-0`.
 */
export function f64(v: number): string {
  if (!Number.isFinite(v)) {
    throw new KatamonError('internal', `json: unsupported value: ${v} (float64 must be finite)`);
  }
  return v === 0 && 1 / v < 0 ? '-0' : '' + v;
}

function outOfRange(v: bigint | number, type: string): KatamonError {
  return new KatamonError('internal', `counter ${v} is out of the ${type} range`);
}
