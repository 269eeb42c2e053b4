import fc from 'fast-check';
import type { MemoryEvents } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';

export function memoryEventsArbitrary(): fc.Arbitrary<MemoryEvents> {
  const c = counterArbitrary();
  return fc.record({ low: c, high: c, max: c, oom: c, oomKill: c, oomGroupKill: c }, { noNullPrototype: true });
}
