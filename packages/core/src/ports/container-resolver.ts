import type { ContainerRef } from './container-ref.js';

/**
 * Finds containers. Consumers resolve a typed id through a chain of resolvers: an exact id wins;
 * otherwise a query shorter than 64 characters matches by unique prefix across all resolvers.
 */
export interface ContainerResolver {
  readonly name: string;
  /**
   * Containers whose id equals `query` or, when `query` is shorter than 64 characters, starts with it.
   * `query` has already passed {@link validateContainerId}. Must not touch paths outside the resolver's root.
   */
  match(query: string): Promise<ContainerRef[]>;
  /** Every container this resolver can see. */
  list(): Promise<ContainerRef[]>;
  /** The current state of a container this resolver produced; `undefined` once it is gone. */
  refresh(ref: ContainerRef): Promise<ContainerRef | undefined>;
}
