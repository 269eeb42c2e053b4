import fc from 'fast-check';
import type { HugetlbStats } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';
import { mapArbitrary, oddStringArbitrary } from './odd-string.arbitrary.js';

export function hugetlbStatsArbitrary(): fc.Arbitrary<HugetlbStats> {
  const c = counterArbitrary();
  return fc.record({ usage: c, max: c, failcnt: c }, { noNullPrototype: true });
}

/** The hugetlb map, keyed by page-size label (`2MB`, `1GB`) or anything odd. */
export function hugetlbMapArbitrary(loneSurrogates = true): fc.Arbitrary<Map<string, HugetlbStats>> {
  const key = fc.oneof(fc.constantFrom('2MB', '1GB', '64KB', '32MB', '512MB'), oddStringArbitrary(loneSurrogates));
  return mapArbitrary(key, hugetlbStatsArbitrary());
}
