import type { ContainerIdentity } from '@katamon/core';

/** Most containers a resolver keeps identities for; past it the cache starts over (a listing refills it). */
const MAX_ENTRIES = 16_384;

/**
 * Identities by container (state directory), valid while the container's recorded creation time stays the same:
 * an engine's identity files do not change during a container's life, so each is read once, not per sample or
 * per listing. A listing drops the entries of containers that are gone.
 */
export class IdentityCache {
  private readonly entries = new Map<string, { created: string; identity: ContainerIdentity }>();

  get(stateDir: string, created: string | undefined, read: () => ContainerIdentity): ContainerIdentity {
    const key = created ?? '';
    const hit = this.entries.get(stateDir);
    if (hit !== undefined && hit.created === key) return hit.identity;
    const identity = read();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(stateDir, { created: key, identity });
    return identity;
  }

  /** Keeps only the containers of a complete listing. */
  retain(stateDirs: ReadonlySet<string>): void {
    for (const dir of this.entries.keys()) if (!stateDirs.has(dir)) this.entries.delete(dir);
  }

  get size(): number {
    return this.entries.size;
  }
}
