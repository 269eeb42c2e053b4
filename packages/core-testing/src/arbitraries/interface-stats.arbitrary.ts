import fc from 'fast-check';
import type { InterfaceStats } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';
import { oddStringArbitrary } from './odd-string.arbitrary.js';

export function interfaceStatsArbitrary(loneSurrogates = true): fc.Arbitrary<InterfaceStats> {
  const c = counterArbitrary();
  return fc.record(
    {
      name: fc.oneof(fc.constantFrom('lo', 'eth0', 'veth1a2b'), oddStringArbitrary(loneSurrogates)),
      rxBytes: c,
      rxPackets: c,
      rxErrors: c,
      rxDropped: c,
      txBytes: c,
      txPackets: c,
      txErrors: c,
      txDropped: c,
    },
    { noNullPrototype: true },
  );
}
