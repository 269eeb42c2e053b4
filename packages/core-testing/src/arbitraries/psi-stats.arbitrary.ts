import fc from 'fast-check';
import type { PsiData, PsiStats } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

/** Kernel-like percentages, and every finite float64 (exponent forms, -0, subnormals). */
function avgArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
    fc.constantFrom(0, -0, 1e-7, 1e-6, 1e21, 1e20, 123456789.125, 5e-324),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
}

export function psiDataArbitrary(): fc.Arbitrary<PsiData> {
  const a = avgArbitrary();
  return fc.record({ avg10: a, avg60: a, avg300: a, total: counterArbitrary() }, { noNullPrototype: true });
}

export function psiStatsArbitrary(): fc.Arbitrary<PsiStats> {
  return fc.record({ some: psiDataArbitrary(), full: psiDataArbitrary() }, { noNullPrototype: true });
}
