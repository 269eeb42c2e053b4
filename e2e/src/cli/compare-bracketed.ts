import type { JsonValue } from '@katamon/core';

/**
 * Same keys in the same order; a value equal before and after must be equal in katamon's output, a value
 * that moved must lie between the two runc readings. Integers are compared exactly (parseJsonExact gives
 * bigints: counters and limits go up to 2^64-1, where JSON.parse would round them to the same double).
 */
export function compareBracketed(
  before: JsonValue,
  ours: JsonValue,
  after: JsonValue,
  path: string,
  problems: string[],
): void {
  const numeric = (v: JsonValue): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';
  if (numeric(before) && numeric(after)) {
    // Relational operators compare a bigint and a number (Go prints a float64 0 as `0`) by exact value.
    const [low, high] = before <= after ? [before, after] : [after, before];
    if (!numeric(ours) || ours < low || ours > high) problems.push(`${path}: ${String(ours)} not in [${low}, ${high}]`);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (!Array.isArray(ours) || ours.length !== before.length || before.length !== after.length) {
      problems.push(
        `${path}: array lengths ${Array.isArray(ours) ? ours.length : 'none'} vs ${before.length}/${after.length}`,
      );
      return;
    }
    before.forEach((b, i) =>
      compareBracketed(b, ours[i] as JsonValue, after[i] as JsonValue, `${path}[${i}]`, problems),
    );
    return;
  }
  if (before instanceof Map && after instanceof Map) {
    const keys = [...before.keys()];
    const ourKeys = ours instanceof Map ? [...ours.keys()] : [];
    if (ourKeys.join(',') !== keys.join(',')) {
      problems.push(`${path}: keys [${ourKeys.join(',')}] vs runc [${keys.join(',')}]`);
      return;
    }
    const o = ours as Map<string, JsonValue>;
    for (const key of keys)
      compareBracketed(before.get(key) ?? null, o.get(key) ?? null, after.get(key) ?? null, `${path}.${key}`, problems);
    return;
  }
  if (before !== ours) problems.push(`${path}: ${String(ours)} vs runc ${String(before)}`);
}
