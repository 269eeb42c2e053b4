import fc from 'fast-check';
import type { Throttling } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

export function throttlingArbitrary(): fc.Arbitrary<Throttling> {
  const c = counterArbitrary();
  return fc.record({ periods: c, throttledPeriods: c, throttledTime: c }, { noNullPrototype: true });
}
