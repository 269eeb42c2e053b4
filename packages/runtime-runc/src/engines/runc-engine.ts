import { boundIdentity, identityFromAnnotations, type KnownEngine } from '@katamon/core';
import type { EngineProfile, StateFacts } from './engine-profile.js';

/**
 * Plain runc or crun: the container's id is the name its user chose; the annotations (when runc recorded
 * them) may still carry a Kubernetes identity or nerdctl's name, and the user's labels.
 */
export function plainRuntimeProfile(engine: Extract<KnownEngine, 'runc' | 'crun'>): EngineProfile {
  return {
    engine,
    claims: () => true,
    identify: (facts: StateFacts) => {
      const found = identityFromAnnotations(facts.annotations);
      return boundIdentity({ ...found, engine, name: found.name ?? facts.id }, engine, `${facts.stateDir} labels`);
    },
  };
}

export const runcProfile = plainRuntimeProfile('runc');
export const crunProfile = plainRuntimeProfile('crun');
