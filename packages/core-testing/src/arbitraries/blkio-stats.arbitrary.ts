import fc from 'fast-check';
import type { BlkioStats } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { blkioEntryArbitrary } from './blkio-entry.arbitrary.js';
import { psiStatsArbitrary } from './psi-stats.arbitrary.js';

export function blkioStatsArbitrary(options: ArbitraryOptions): fc.Arbitrary<BlkioStats> {
  const list = fc.array(blkioEntryArbitrary(options.loneSurrogates ?? true), { maxLength: 4 });
  const lists = {
    ioServiceBytesRecursive: list,
    ioServicedRecursive: list,
    ioQueueRecursive: list,
    ioServiceTimeRecursive: list,
    ioWaitTimeRecursive: list,
    ioMergedRecursive: list,
    ioTimeRecursive: list,
    sectorsRecursive: list,
  };
  if (options.schema === 'kata') return fc.record(lists, { noNullPrototype: true });
  return fc.record(
    { ...lists, psi: psiStatsArbitrary() },
    { requiredKeys: Object.keys(lists) as (keyof typeof lists)[], noNullPrototype: true },
  );
}
