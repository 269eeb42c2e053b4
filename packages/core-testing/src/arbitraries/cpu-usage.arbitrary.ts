import fc from 'fast-check';
import type { CpuUsage } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { counterArbitrary, counterListArbitrary } from './counter.arbitrary.js';

/** kata has no percpu_kernel/percpu_user: canonical kata usage keeps them empty. */
export function cpuUsageArbitrary(options: ArbitraryOptions): fc.Arbitrary<CpuUsage> {
  const c = counterArbitrary();
  const split = options.schema === 'kata' ? fc.constant<bigint[]>([]) : counterListArbitrary();
  return fc.record(
    { total: c, percpu: counterListArbitrary(), percpuKernel: split, percpuUser: split, kernel: c, user: c },
    { noNullPrototype: true },
  );
}
