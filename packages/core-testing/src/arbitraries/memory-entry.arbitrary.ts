import fc from 'fast-check';
import type { MemoryEntry } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

export function memoryEntryArbitrary(): fc.Arbitrary<MemoryEntry> {
  const c = counterArbitrary();
  return fc.record({ limit: c, usage: c, max: c, failcnt: c }, { noNullPrototype: true });
}
