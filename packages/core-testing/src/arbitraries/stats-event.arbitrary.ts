import fc from 'fast-check';
import { MAX_CONTAINER_ID_LENGTH, type StatsEvent } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { statsArbitrary } from './stats.arbitrary.js';
import { sampleMetaArbitrary } from './sample.arbitrary.js';
import { oddStringArbitrary } from './odd-string.arbitrary.js';

/**
 * Ids: real-looking ones, lengths at the prefix-matching edge (63, 64, 65) and at katamon's maximum (1024),
 * and odd strings (the encoder must not trust them either).
 */
export function eventIdArbitrary(loneSurrogates = true): fc.Arbitrary<string> {
  return fc.oneof(
    fc.stringMatching(/^[0-9a-f]{64}$/),
    fc
      .tuple(fc.constantFrom(63, 64, 65, MAX_CONTAINER_ID_LENGTH), fc.constantFrom('a', 'f', '0', '_'))
      .map(([length, c]) => c.repeat(length)),
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
