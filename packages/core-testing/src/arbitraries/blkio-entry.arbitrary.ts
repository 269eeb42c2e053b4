import fc from 'fast-check';
import type { BlkioEntry } from '@katamon/core';
import { counterArbitrary } from './counter.arbitrary.js';
import { oddStringArbitrary } from './odd-string.arbitrary.js';

const OPS = ['Read', 'Write', 'Sync', 'Async', 'Discard', 'Total', ''];

export function blkioEntryArbitrary(loneSurrogates = true): fc.Arbitrary<BlkioEntry> {
  const c = counterArbitrary();
  return fc.record(
    { major: c, minor: c, op: fc.oneof(fc.constantFrom(...OPS), oddStringArbitrary(loneSurrogates)), value: c },
    { noNullPrototype: true },
  );
}
