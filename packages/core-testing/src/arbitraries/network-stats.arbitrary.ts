import fc from 'fast-check';
import type { NetworkOrigin, NetworkStats } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { interfaceStatsArbitrary } from './interface-stats.arbitrary.js';
import { tcpStatsArbitrary } from './tcp-stats.arbitrary.js';
import { udpStatsArbitrary } from './udp-stats.arbitrary.js';

const ORIGINS: readonly NetworkOrigin[] = ['netns', 'agent', 'agent-metrics', 'host-veth', 'plugin'];

/** kata does not print the origin; a decoded kata network section says `agent`, so canonical ones do. */
export function networkStatsArbitrary(options: ArbitraryOptions): fc.Arbitrary<NetworkStats> {
  return fc.record(
    {
      interfaces: fc.array(interfaceStatsArbitrary(options.loneSurrogates ?? true), { maxLength: 4 }),
      tcp: tcpStatsArbitrary(),
      tcp6: tcpStatsArbitrary(),
      udp: udpStatsArbitrary(),
      udp6: udpStatsArbitrary(),
      origin: options.schema === 'kata' ? fc.constant<NetworkOrigin>('agent') : fc.constantFrom(...ORIGINS),
    },
    { noNullPrototype: true },
  );
}
