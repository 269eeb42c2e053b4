import fc from 'fast-check';
import { ENGINE_NAMES, setOwn, wellFormed } from '@katamon/core';
import type { ContainerIdentity, PodIdentity } from '@katamon/core';
import { oddStringArbitrary } from './odd-string.arbitrary.js';

/** A pod identity as the CRI annotations give it (any subset of the fields). */
export function podIdentityArbitrary(loneSurrogates = true): fc.Arbitrary<PodIdentity> {
  const s = oddStringArbitrary(loneSurrogates);
  return fc.record(
    { name: s, namespace: s, uid: s, container: s, type: fc.constantFrom('sandbox', 'container'), sandboxId: s },
    { requiredKeys: [], noNullPrototype: true },
  ) as fc.Arbitrary<PodIdentity>;
}

/**
 * A container identity for the `full` schema: a known or plugin engine, optional namespace, name, aliases,
 * image, labels (keys distinct as Go sees them, `__proto__` included), pod and issues (empty lists are left out, as
 * the encoder leaves them out).
 */
export function containerIdentityArbitrary(loneSurrogates = true): fc.Arbitrary<ContainerIdentity> {
  const s = oddStringArbitrary(loneSurrogates);
  const labels = fc.uniqueArray(fc.tuple(s, s), { selector: ([k]) => wellFormed(k), maxLength: 4 }).map((entries) => {
    const out: Record<string, string> = {};
    for (const [k, v] of entries) setOwn(out, k, v);
    return out;
  });
  return fc.record(
    {
      engine: fc.oneof(fc.constantFrom(...ENGINE_NAMES), s),
      namespace: s,
      name: s,
      aliases: fc.array(s, { minLength: 1, maxLength: 2 }),
      image: s,
      labels,
      pod: podIdentityArbitrary(loneSurrogates),
      issues: fc.array(s, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['engine'], noNullPrototype: true },
  ) as fc.Arbitrary<ContainerIdentity>;
}
