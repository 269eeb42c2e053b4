import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import { mostRelevantError } from './most-relevant-error.js';

/**
 * Every container every resolver sees, sorted by id; the first resolver to report an id keeps it.
 * A failing resolver is logged and skipped; only when every resolver fails does the call fail.
 */
export async function listContainers(
  resolvers: readonly ContainerResolver[],
  logger: Logger = silentLogger,
): Promise<ContainerRef[]> {
  const answers = await Promise.allSettled(resolvers.map((r) => r.list()));
  const byId = new Map<string, ContainerRef>();
  const failures: unknown[] = [];
  answers.forEach((answer, i) => {
    if (answer.status === 'rejected') {
      failures.push(answer.reason);
      logger.warn('container resolver failed to list', { resolver: resolvers[i]?.name, error: String(answer.reason) });
      return;
    }
    for (const ref of Array.isArray(answer.value) ? answer.value : []) {
      if (typeof ref?.id === 'string' && !byId.has(ref.id)) byId.set(ref.id, ref);
    }
  });
  if (failures.length > 0 && failures.length === resolvers.length) throw mostRelevantError(failures);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
