import fc from 'fast-check';
import type { CpuStats } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { cpuUsageArbitrary } from './cpu-usage.arbitrary.js';
import { throttlingArbitrary } from './throttling.arbitrary.js';
import { psiStatsArbitrary } from './psi-stats.arbitrary.js';

/** PSI exists in runc (≥ 1.2) and full, never on kata's path. */
export function cpuStatsArbitrary(options: ArbitraryOptions): fc.Arbitrary<CpuStats> {
  const usage = cpuUsageArbitrary(options);
  const throttling = throttlingArbitrary();
  if (options.schema === 'kata') return fc.record({ usage, throttling }, { noNullPrototype: true });
  return fc.record(
    { usage, throttling, psi: psiStatsArbitrary() },
    { requiredKeys: ['usage', 'throttling'], noNullPrototype: true },
  );
}
