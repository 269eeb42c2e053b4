import type { ContainerRef, ContainerResolver } from '@katamon/core';
import { KatamonError, validateContainerId } from '@katamon/core';

export interface ResolveOptions {
  /**
   * openEuler counts an exact name as one more prefix match, so `abc` is ambiguous when `abcd` exists too
   * (the default). `true` lets an exact id win, as katamon's core resolution does.
   */
  exactWins?: boolean;
}

const doesNotExist = (typed: string): string => `Container ID (${typed}) does not exist`;

/**
 * openEuler kata-runtime's id rules over one or more resolvers: a query shorter than 64 characters matches by
 * prefix, a longer one exactly. Outcomes: `invalid-argument` (before any file is opened), `not-found`,
 * `ambiguous` (`multiple containers found (<typed>)`), `not-running` (a stopped container reads as gone:
 * `Container ID (<typed>) does not exist`, as the issue asks), else the full ref.
 */
export async function resolveRuncContainer(
  resolvers: readonly ContainerResolver[],
  typed: string,
  options: ResolveOptions = {},
): Promise<ContainerRef> {
  validateContainerId(typed);
  const matches = (await Promise.all(resolvers.map((r) => r.match(typed)))).flat();
  const exact = matches.filter((ref) => ref.id === typed);
  const chosen = options.exactWins && exact.length === 1 ? exact : matches;
  if (chosen.length === 0) throw new KatamonError('not-found', doesNotExist(typed));
  if (chosen.length > 1) throw new KatamonError('ambiguous', `multiple containers found (${typed})`);
  const ref = chosen[0] as ContainerRef;
  if (ref.status === 'stopped' || ref.status === 'unknown') throw new KatamonError('not-running', doesNotExist(typed));
  return ref;
}
