import fc from 'fast-check';
import type { UdpStats } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

export function udpStatsArbitrary(): fc.Arbitrary<UdpStats> {
  const c = counterArbitrary();
  return fc.record({ sockets: c, drops: c, txQueue: c, rxQueue: c }, { noNullPrototype: true });
}
