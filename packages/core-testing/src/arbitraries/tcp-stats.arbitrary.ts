import fc from 'fast-check';
import type { TcpStats } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

export function tcpStatsArbitrary(): fc.Arbitrary<TcpStats> {
  const c = counterArbitrary();
  return fc.record(
    {
      established: c,
      synSent: c,
      synRecv: c,
      finWait1: c,
      finWait2: c,
      timeWait: c,
      close: c,
      closeWait: c,
      lastAck: c,
      listen: c,
      closing: c,
    },
    { noNullPrototype: true },
  );
}
