import fc from 'fast-check';
import type { IntelRdtStats, L3CacheInfo, MemBwInfo } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { counterArbitrary } from './counter.arbitrary.js';
import { nonEmptyOddStringArbitrary, oddStringArbitrary } from './odd-string.arbitrary.js';

export function l3CacheInfoArbitrary(loneSurrogates = true): fc.Arbitrary<L3CacheInfo> {
  const c = counterArbitrary();
  return fc.record(
    { cbmMask: oddStringArbitrary(loneSurrogates), minCbmBits: c, numClosids: c },
    { noNullPrototype: true },
  );
}

export function memBwInfoArbitrary(): fc.Arbitrary<MemBwInfo> {
  const c = counterArbitrary();
  return fc.record({ bandwidthGran: c, delayLinear: c, minBandwidth: c, numClosids: c }, { noNullPrototype: true });
}

/**
 * kata's intelRdt has only the L3 part; Go omits empty strings, so canonical kata/runc strings are
 * non-empty (full prints whatever is present).
 */
export function intelRdtArbitrary(options: ArbitraryOptions): fc.Arbitrary<IntelRdtStats> {
  const lone = options.loneSurrogates ?? true;
  const str = options.schema === 'full' ? oddStringArbitrary(lone) : nonEmptyOddStringArbitrary(lone);
  const l3 = { l3CacheInfo: l3CacheInfoArbitrary(lone), l3CacheSchemaRoot: str, l3CacheSchema: str };
  if (options.schema === 'kata') return fc.record(l3, { requiredKeys: [], noNullPrototype: true });
  return fc.record(
    { ...l3, memBwInfo: memBwInfoArbitrary(), memBwSchemaRoot: str, memBwSchema: str },
    { requiredKeys: [], noNullPrototype: true },
  );
}
