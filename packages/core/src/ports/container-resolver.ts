import type { ContainerRef } from './container-ref.js';

/**
 * Finds containers. Consumers resolve what the user typed across every resolver: an exact id wins, then a
 * unique name ({@link ContainerIdentity.name} or an alias), then (queries shorter than 64 characters) a
 * unique id prefix.
 */
export interface ContainerResolver {
  readonly name: string;
  /**
   * Containers whose id equals `query` or, when `query` is shorter than 64 characters, starts with it.
   * `query` has already passed {@link validateContainerId}. Must not touch paths outside the resolver's root.
   */
  match(query: string): Promise<ContainerRef[]>;
  /**
   * Containers whose id is exactly `id` (already validated). Optional: without it, {@link match} answers. Asked
   * first, on its own, so that a lookup by exact id reads nothing more (no listing for prefixes or names).
   */
  matchExact?(id: string): Promise<ContainerRef[]>;
  /** Every container this resolver can see. */
  list(): Promise<ContainerRef[]>;
  /**
   * Containers whose name or an alias equals `name` (already validated). Optional: without it, names are
   * looked up in {@link list}. Asked only when no resolver knows `name` as an exact id.
   */
  matchName?(name: string): Promise<ContainerRef[]>;
  /** The current state of a container this resolver produced; `undefined` once it is gone. */
  refresh(ref: ContainerRef): Promise<ContainerRef | undefined>;
}
