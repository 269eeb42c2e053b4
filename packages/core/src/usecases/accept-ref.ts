import type { ContainerRef } from '../ports/container-ref.js';
import { boundIdentity, isBoundedIdentity } from '../identity/bound-identity.js';

/**
 * A resolver's answer as a ref katamon can use, or undefined: resolvers are plugins, so the answer is checked
 * (an object with a string id and runtime) and its identity bounded ({@link boundIdentity}); a ref without an
 * identity gets one naming its runtime as the engine. First-party refs, already bounded, pass unchanged.
 */
export function acceptRef(value: unknown): ContainerRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = value as ContainerRef;
  if (typeof ref.id !== 'string' || typeof ref.runtime !== 'string') return undefined;
  if (isBoundedIdentity(ref.identity)) return ref;
  return { ...ref, identity: boundIdentity(ref.identity, ref.runtime) };
}
