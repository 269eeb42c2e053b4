import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import { KatamonError } from '../errors/katamon-error.js';
import { validateContainerId } from '../ids/validate-container-id.js';
import { mostRelevantError } from './most-relevant-error.js';

/** Full ids are 64 hex characters; shorter queries may be prefixes (openEuler kata semantics). */
export const PREFIX_QUERY_LIMIT = 64;

/**
 * Exact id first, else a unique prefix across every resolver. A resolver that throws does not hide
 * the others' answers; its error surfaces only when nobody found the container (the others' failures are
 * logged as warnings, and the one thrown is not logged as well: the caller reports it, once).
 */
export async function resolveContainer(
  resolvers: readonly ContainerResolver[],
  query: string,
  logger: Logger = silentLogger,
): Promise<ContainerRef> {
  validateContainerId(query);
  const answers = await Promise.allSettled(resolvers.map((r) => r.match(query)));
  const found: ContainerRef[] = [];
  const failures: { resolver: string | undefined; reason: unknown }[] = [];
  answers.forEach((answer, i) => {
    if (answer.status === 'rejected') {
      failures.push({ resolver: resolvers[i]?.name, reason: answer.reason });
      return;
    }
    // Resolvers are plugins: keep only refs that really answer the query.
    const refs = Array.isArray(answer.value) ? answer.value : [];
    for (const ref of refs) if (isRef(ref) && ref.id.startsWith(query)) found.push(ref);
  });

  const exact = found.find((ref) => ref.id === query);
  const byId = new Map<string, ContainerRef>();
  if (query.length < PREFIX_QUERY_LIMIT) for (const ref of found) if (!byId.has(ref.id)) byId.set(ref.id, ref);
  const matches = [...byId.values()];
  const thrown =
    exact === undefined && matches.length === 0 && failures.length > 0
      ? mostRelevantError(failures.map((f) => f.reason))
      : undefined;
  for (const { resolver, reason } of failures)
    if (reason !== thrown) logger.warn('container resolver failed', { resolver, error: String(reason) });
  if (exact !== undefined) return exact;
  if (matches.length === 1) return matches[0] as ContainerRef;
  if (matches.length > 1) throw new KatamonError('ambiguous', `multiple containers found (${query})`);
  if (thrown !== undefined) throw thrown;
  throw new KatamonError('not-found', `Container ID (${query}) does not exist`);
}

function isRef(value: unknown): value is ContainerRef {
  return typeof value === 'object' && value !== null && typeof (value as ContainerRef).id === 'string';
}
