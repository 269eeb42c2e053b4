import type { ContainerRef } from '../ports/container-ref.js';

/** What names a container: a ref, or a sample (which carries its ref's identity). */
export type ContainerKeyed = Pick<ContainerRef, 'id' | 'identity'> & { runtime?: string };

/** The engine of a ref: its identity's, else (a plugin ref without identity) its runtime. */
export function engineOf(ref: ContainerKeyed): string {
  return ref.identity?.engine ?? ref.runtime ?? '';
}

/**
 * What makes two refs the same container: engine, engine namespace and id. Ids may repeat across containerd
 * namespaces and engines; one container seen twice (the same root given twice) has one key.
 */
export function refKey(ref: ContainerKeyed): string {
  return `${engineOf(ref)}\u0000${ref.identity?.namespace ?? ''}\u0000${ref.id}`;
}

/** The qualifier that tells this container apart from others with its id: its namespace, else its engine. */
export function qualifierOf(ref: ContainerRef): string {
  return ref.identity?.namespace ?? engineOf(ref);
}

/** Whether `<qualifier>/…` may select this container: the qualifier is its engine namespace or its engine. */
export function answersToQualifier(ref: ContainerRef, qualifier: string): boolean {
  return ref.identity?.namespace === qualifier || engineOf(ref) === qualifier;
}

/** The names a container can be selected by (its id is not one of them). */
export function namesOf(ref: Pick<ContainerRef, 'identity'>): string[] {
  const identity = ref.identity;
  if (identity === undefined) return [];
  const names = identity.name === undefined ? [] : [identity.name];
  for (const alias of identity.aliases ?? []) if (!names.includes(alias)) names.push(alias);
  return names;
}

/** Sort order of listings: id, then engine and namespace for ids that repeat. */
export function compareRefs(a: ContainerRef, b: ContainerRef): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const ka = refKey(a);
  const kb = refKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
