import fc from 'fast-check';
import { ERROR_KINDS } from '@katamon/core';
import type { SampleIssue, StatsEvent } from '@katamon/core';
import { oddStringArbitrary } from './odd-string.arbitrary.js';
import { containerIdentityArbitrary } from './container-identity.arbitrary.js';

export function sampleIssueArbitrary(loneSurrogates = true): fc.Arbitrary<SampleIssue> {
  const s = oddStringArbitrary(loneSurrogates);
  return fc.record(
    { source: s, kind: fc.constantFrom(...ERROR_KINDS), message: s, path: s },
    { requiredKeys: ['source', 'kind', 'message'], noNullPrototype: true },
  );
}

/** The sample meta a `full` event carries: timestamp (ms), contributing sources, per-source issues, identity. */
export function sampleMetaArbitrary(loneSurrogates = true): fc.Arbitrary<NonNullable<StatsEvent['sample']>> {
  return fc.record(
    {
      timestamp: fc.oneof(
        fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
      sources: fc.array(
        fc.oneof(fc.constantFrom('cgroup-v1', 'cgroup-v2', 'netns', 'kata-agent'), oddStringArbitrary(loneSurrogates)),
        {
          maxLength: 3,
        },
      ),
      issues: fc.array(sampleIssueArbitrary(loneSurrogates), { maxLength: 2 }),
      identity: containerIdentityArbitrary(loneSurrogates),
    },
    { requiredKeys: ['timestamp', 'sources', 'issues'], noNullPrototype: true },
  );
}
