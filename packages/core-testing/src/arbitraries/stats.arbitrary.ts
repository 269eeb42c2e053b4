import fc from 'fast-check';
import type { Stats } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { cpuStatsArbitrary } from './cpu-stats.arbitrary.js';
import { cpusetStatsArbitrary } from './cpuset-stats.arbitrary.js';
import { memoryStatsArbitrary } from './memory-stats.arbitrary.js';
import { pidsStatsArbitrary } from './pids-stats.arbitrary.js';
import { blkioStatsArbitrary } from './blkio-stats.arbitrary.js';
import { hugetlbMapArbitrary } from './hugetlb-stats.arbitrary.js';
import { intelRdtArbitrary } from './intel-rdt.arbitrary.js';
import { networkStatsArbitrary } from './network-stats.arbitrary.js';
import { interfaceStatsArbitrary } from './interface-stats.arbitrary.js';

/**
 * Canonical `data` for a schema: kata and runc always print their sections, so every one they hold is
 * present (kata: no cpuset/runcInterfaces; runc: no network); in `full` every section is optional.
 */
export function statsArbitrary(options: ArbitraryOptions): fc.Arbitrary<Stats> {
  const lone = options.loneSurrogates ?? true;
  const common = {
    cpu: cpuStatsArbitrary(options),
    memory: memoryStatsArbitrary(options),
    pids: pidsStatsArbitrary(),
    blkio: blkioStatsArbitrary(options),
    hugetlb: hugetlbMapArbitrary(lone),
    intelRdt: intelRdtArbitrary(options),
  };
  const always = ['cpu', 'memory', 'pids', 'blkio', 'hugetlb', 'intelRdt'] as const;
  const runcInterfaces = fc.array(interfaceStatsArbitrary(lone), { maxLength: 3 });
  switch (options.schema) {
    case 'kata':
      return fc.record(
        { ...common, network: networkStatsArbitrary(options) },
        { requiredKeys: [...always], noNullPrototype: true },
      );
    case 'runc':
      return fc.record(
        { ...common, cpuset: cpusetStatsArbitrary(), runcInterfaces },
        { requiredKeys: [...always, 'cpuset'], noNullPrototype: true },
      );
    case 'full':
      return fc.record(
        { ...common, cpuset: cpusetStatsArbitrary(), network: networkStatsArbitrary(options), runcInterfaces },
        { requiredKeys: [], noNullPrototype: true },
      );
  }
}
