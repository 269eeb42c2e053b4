import fc from 'fast-check';
import type { CpusetStats } from '@katamon/core';
import { counterArbitrary, int64Arbitrary } from './counter.arbitrary.js';

export function cpusetStatsArbitrary(): fc.Arbitrary<CpusetStats> {
  const c = counterArbitrary();
  const ids = fc.array(fc.oneof(fc.nat({ max: 15 }), fc.constantFrom(0, 65535), fc.nat({ max: 65535 })));
  return fc.record(
    {
      cpus: ids,
      cpuExclusive: c,
      mems: ids,
      memHardwall: c,
      memExclusive: c,
      memoryMigrate: c,
      memorySpreadPage: c,
      memorySpreadSlab: c,
      memoryPressure: c,
      schedLoadBalance: c,
      schedRelaxDomainLevel: int64Arbitrary(),
    },
    { noNullPrototype: true },
  );
}
