import { KatamonError, type ContainerRef, type Katamon } from '@katamon/core';

/**
 * Not found and not running read the same, with the id as typed (kata-runtime's words); an ambiguous
 * prefix keeps its own message.
 */
export async function resolveRunning(katamon: Katamon, typed: string): Promise<ContainerRef> {
  const ref = await katamon.resolve(typed);
  if (ref.status === 'stopped') throw new KatamonError('not-running', `Container ID (${typed}) does not exist`);
  return ref;
}
