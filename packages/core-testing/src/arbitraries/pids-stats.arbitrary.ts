import fc from 'fast-check';
import type { PidsStats } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

export function pidsStatsArbitrary(): fc.Arbitrary<PidsStats> {
  return fc.record({ current: counterArbitrary(), limit: counterArbitrary() }, { noNullPrototype: true });
}
