import fc from 'fast-check';
import type { MemoryStats } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { counterArbitrary } from './counter.arbitrary.js';
import { memoryEntryArbitrary } from './memory-entry.arbitrary.js';
import { memoryEventsArbitrary } from './memory-events.arbitrary.js';
import { psiStatsArbitrary } from './psi-stats.arbitrary.js';
import { mapArbitrary, oddStringArbitrary } from './odd-string.arbitrary.js';

const STAT_KEYS = ['cache', 'rss', 'hierarchical_memory_limit', 'total_cache', 'file', 'anon', 'pgfault', 'swap'];

/** `memory.stat` keys: real ones and odd ones (the kernel is untrusted input). */
function rawArbitrary(loneSurrogates: boolean): fc.Arbitrary<Map<string, bigint>> {
  const key = fc.oneof(fc.constantFrom(...STAT_KEYS), oddStringArbitrary(loneSurrogates));
  return mapArbitrary(key, counterArbitrary());
}

/** kata: no psi/events/use_hierarchy; runc adds psi; full has everything. */
export function memoryStatsArbitrary(options: ArbitraryOptions): fc.Arbitrary<MemoryStats> {
  const base = {
    cache: counterArbitrary(),
    usage: memoryEntryArbitrary(),
    swap: memoryEntryArbitrary(),
    kernel: memoryEntryArbitrary(),
    kernelTCP: memoryEntryArbitrary(),
    raw: rawArbitrary(options.loneSurrogates ?? true),
  };
  const required = ['cache', 'usage', 'swap', 'kernel', 'kernelTCP', 'raw'] as const;
  if (options.schema === 'kata') return fc.record(base, { noNullPrototype: true });
  if (options.schema === 'runc') {
    return fc.record({ ...base, psi: psiStatsArbitrary() }, { requiredKeys: [...required], noNullPrototype: true });
  }
  return fc.record(
    { ...base, psi: psiStatsArbitrary(), events: memoryEventsArbitrary(), useHierarchy: fc.boolean() },
    { requiredKeys: [...required], noNullPrototype: true },
  );
}
