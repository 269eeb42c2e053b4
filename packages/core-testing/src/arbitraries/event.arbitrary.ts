import fc from 'fast-check';
import type { Event, OomEvent } from '@katamon/core';
import type { ArbitraryOptions } from './arbitrary-options.js';
import { eventIdArbitrary, statsEventArbitrary } from './stats-event.arbitrary.js';

export function oomEventArbitrary(loneSurrogates = true): fc.Arbitrary<OomEvent> {
  return fc.record(
    { type: fc.constant('oom' as const), id: eventIdArbitrary(loneSurrogates) },
    { noNullPrototype: true },
  );
}

/** Any canonical event of a schema: mostly stats, sometimes oom. */
export function eventArbitrary(options: ArbitraryOptions): fc.Arbitrary<Event> {
  return fc.oneof(
    { arbitrary: statsEventArbitrary(options), weight: 9 },
    { arbitrary: oomEventArbitrary(options.loneSurrogates ?? true), weight: 1 },
  );
}
