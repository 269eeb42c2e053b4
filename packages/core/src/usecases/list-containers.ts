import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import { compareRefs, refKey } from '../identity/container-names.js';
import { acceptRef } from './accept-ref.js';
import { mostRelevantError } from './most-relevant-error.js';

/**
 * Every container every resolver sees, sorted by id (then engine and namespace); one container reported twice
 * (same engine, namespace and id) is listed once, as the first resolver reported it. Ids that repeat across
 * containerd namespaces or engines are different containers and are all listed. A failing resolver is logged
 * and skipped; only when every resolver fails does the call fail.
 */
export async function listContainers(
  resolvers: readonly ContainerResolver[],
  logger: Logger = silentLogger,
): Promise<ContainerRef[]> {
  const answers = await Promise.allSettled(resolvers.map((r) => r.list()));
  const byKey = new Map<string, ContainerRef>();
  const failures: unknown[] = [];
  answers.forEach((answer, i) => {
    if (answer.status === 'rejected') {
      failures.push(answer.reason);
      logger.warn('container resolver failed to list', { resolver: resolvers[i]?.name, error: String(answer.reason) });
      return;
    }
    for (const value of Array.isArray(answer.value) ? answer.value : []) {
      const ref = acceptRef(value);
      if (ref !== undefined && !byKey.has(refKey(ref))) byKey.set(refKey(ref), ref);
    }
  });
  if (failures.length > 0 && failures.length === resolvers.length) throw mostRelevantError(failures);
  return [...byKey.values()].sort(compareRefs);
}
