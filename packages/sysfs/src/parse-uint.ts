/** 2^64−1: what `max` means in a single-value cgroup file. */
export const UINT64_MAX = 18446744073709551615n;
/** 2^63−1: what `max` means in a signed cgroup file. */
export const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

// Up to 15 digits fit a double exactly, so the common case avoids BigInt(string).
const SAFE_DIGITS = 15;

function allDigits(s: string, from: number): boolean {
  if (from >= s.length) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digitsValue(s: string, from: number): bigint {
  if (s.length - from <= SAFE_DIGITS) {
    let n = 0;
    for (let i = from; i < s.length; i++) n = n * 10 + (s.charCodeAt(i) - 48);
    return BigInt(n);
  }
  return BigInt(from === 0 ? s : s.slice(from));
}

/** Go `strconv.ParseUint(s, 10, 64)`: digits only, no sign, no spaces, ≤ 2^64−1; else `undefined`. */
export function parseUintStrict(s: string): bigint | undefined {
  if (!allDigits(s, 0)) return undefined;
  const v = digitsValue(s, 0);
  return v > UINT64_MAX ? undefined : v;
}

/** Go `strconv.ParseInt(s, 10, 64)`: optional sign, digits, within int64; else `undefined`. */
export function parseIntStrict(s: string): bigint | undefined {
  const c = s.charCodeAt(0);
  const signed = c === 45 /* - */ || c === 43; /* + */
  if (!allDigits(s, signed ? 1 : 0)) return undefined;
  const magnitude = digitsValue(s, signed ? 1 : 0);
  const v = c === 45 ? -magnitude : magnitude;
  return v > INT64_MAX || v < INT64_MIN ? undefined : v;
}

/**
 * The cgroup library's unsigned parse: a valid uint64, or 0 for any negative integer (also below int64 min:
 * the kernel prints −1 for "unset" in some files); `undefined` otherwise.
 */
export function parseUintOrNegative(s: string): bigint | undefined {
  const v = parseUintStrict(s);
  if (v !== undefined) return v;
  if (s.charCodeAt(0) === 45 && allDigits(s, 1)) {
    // "-0" is not negative: Go's ParseInt returns 0 without a range error, so it stays an error.
    for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== 48) return 0n;
  }
  return undefined;
}
