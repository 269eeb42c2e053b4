import fc from 'fast-check';
import type { StatsEvent } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { statsArbitrary } from './stats.arbitrary.js';
import { sampleMetaArbitrary } from './sample.arbitrary.js';
import { oddStringArbitrary } from './odd-string.arbitrary.js';

/** Ids: real-looking ones and odd strings (the encoder must not trust them either). */
export function eventIdArbitrary(loneSurrogates = true): fc.Arbitrary<string> {
  return fc.oneof(
    fc.stringMatching(/^[0-9a-f]{64}$/),
    fc.stringMatching(/^[A-Za-z0-9_+.-]{1,20}$/),
    oddStringArbitrary(loneSurrogates),
  );
}

/** A canonical `stats` event; `data: null` (Go's typed nil) now and then; sample meta in `full` only. */
export function statsEventArbitrary(options: ArbitraryOptions): fc.Arbitrary<StatsEvent> {
  const lone = options.loneSurrogates ?? true;
  const data = fc.oneof(
    { arbitrary: statsArbitrary(options), weight: 12 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
  const base = { type: fc.constant('stats' as const), id: eventIdArbitrary(lone), data };
  if (options.schema !== 'full') return fc.record(base, { noNullPrototype: true });
  return fc.record(
    { ...base, sample: sampleMetaArbitrary(lone) },
    { requiredKeys: ['type', 'id', 'data'], noNullPrototype: true },
  );
}
