import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import { KatamonError } from '../errors/katamon-error.js';
import { parseContainerQuery, type ContainerQuery } from '../ids/parse-container-query.js';
import { answersToQualifier, namesOf, qualifierOf, refKey } from '../identity/container-names.js';
import { acceptRef } from './accept-ref.js';
import { mostRelevantError } from './most-relevant-error.js';

/** Full ids are 64 hex characters; shorter queries may be prefixes (openEuler kata semantics). */
export const PREFIX_QUERY_LIMIT = 64;

interface Failure {
  resolver: string | undefined;
  reason: unknown;
}

interface Answers {
  refs: ContainerRef[];
  failures: Failure[];
}

/** Every resolver asked at once; a resolver that throws does not hide the others' answers. */
async function ask(
  resolvers: readonly ContainerResolver[],
  call: (r: ContainerResolver) => Promise<unknown>,
  query: ContainerQuery,
): Promise<Answers> {
  const settled = await Promise.allSettled(resolvers.map(call));
  const out: Answers = { refs: [], failures: [] };
  settled.forEach((answer, i) => {
    if (answer.status === 'rejected') {
      out.failures.push({ resolver: resolvers[i]?.name, reason: answer.reason });
      return;
    }
    for (const value of Array.isArray(answer.value) ? answer.value : []) {
      const ref = acceptRef(value);
      if (ref !== undefined && (query.qualifier === undefined || answersToQualifier(ref, query.qualifier)))
        out.refs.push(ref);
    }
  });
  return out;
}

/** One ref per container (the first resolver to report it keeps it). */
function unique(refs: readonly ContainerRef[]): ContainerRef[] {
  const byKey = new Map<string, ContainerRef>();
  for (const ref of refs) if (!byKey.has(refKey(ref))) byKey.set(refKey(ref), ref);
  return [...byKey.values()];
}

/** The one container, or `ambiguous`; when the candidates differ by namespace or engine, how to tell them apart. */
function pick(candidates: readonly ContainerRef[], query: ContainerQuery, qualify: boolean): ContainerRef | undefined {
  const refs = unique(candidates);
  if (refs.length <= 1) return refs[0];
  const qualified = [...new Set(refs.map((r) => `${qualifierOf(r)}/${query.text}`))];
  const hint = qualify && qualified.length === refs.length ? `: use one of ${qualified.join(', ')}` : '';
  throw new KatamonError('ambiguous', `multiple containers found (${query.typed})${hint}`);
}

async function byName(resolvers: readonly ContainerResolver[], query: ContainerQuery): Promise<Answers> {
  const answers = await ask(resolvers, (r) => (r.matchName ? r.matchName(query.text) : r.list()), query);
  return { refs: answers.refs.filter((ref) => namesOf(ref).includes(query.text)), failures: answers.failures };
}

/**
 * What the user typed, across every resolver: an exact id first (`matchExact` where a resolver has it, so that
 * an exact id costs no listing), else a unique name (or alias), else (queries shorter than 64 characters) a
 * unique id prefix. `<qualifier>/<query>` narrows to one engine namespace or engine,
 * `/<name>` is a name only. The same rules (and the same `ambiguous` error) hold at each step; names are read
 * only when no container has the query as its id. A resolver's error surfaces only when nothing was found.
 */
export async function resolveContainer(
  resolvers: readonly ContainerResolver[],
  typed: string,
  logger: Logger = silentLogger,
): Promise<ContainerRef> {
  const query = parseContainerQuery(typed);
  const failures: Failure[] = [];
  let prefixed: ContainerRef[] = [];
  if (!query.nameOnly) {
    // Exact ids first, from resolvers that can answer them alone; the others answer prefixes at once.
    const byId = await ask(resolvers, (r) => (r.matchExact ?? r.match).call(r, query.text), query);
    failures.push(...byId.failures);
    const exact = pick(
      byId.refs.filter((ref) => ref.id === query.text),
      query,
      true,
    );
    if (exact !== undefined) return reported(exact, failures, logger);
    if (query.text.length < PREFIX_QUERY_LIMIT) {
      const prefixing = resolvers.filter((r) => r.matchExact !== undefined);
      const more =
        prefixing.length === 0 ? { refs: [], failures: [] } : await ask(prefixing, (r) => r.match(query.text), query);
      failures.push(...more.failures);
      prefixed = [...byId.refs, ...more.refs].filter((ref) => ref.id.startsWith(query.text));
    }
  }
  const named = await byName(resolvers, query);
  failures.push(...named.failures);
  const found = pick(named.refs, query, true) ?? pick(prefixed, query, false);
  if (found !== undefined) return reported(found, failures, logger);
  const thrown = failures.length > 0 ? mostRelevantError(failures.map((f) => f.reason)) : undefined;
  logFailures(failures, logger, thrown);
  if (thrown !== undefined) throw thrown;
  throw new KatamonError('not-found', `Container ID (${typed}) does not exist`);
}

/**
 * Each resolver that failed is warned about once (a lookup may ask it for an id, then for a name); the resolver
 * whose error is thrown is not (the caller reports that error, once).
 */
function logFailures(failures: readonly Failure[], logger: Logger, thrown?: unknown): void {
  const quiet = new Set(failures.filter((f) => f.reason === thrown).map((f) => f.resolver));
  for (const { resolver, reason } of failures) {
    if (quiet.has(resolver)) continue;
    quiet.add(resolver);
    logger.warn('container resolver failed', { resolver, error: String(reason) });
  }
}

function reported(ref: ContainerRef, failures: readonly Failure[], logger: Logger): ContainerRef {
  logFailures(failures, logger);
  return ref;
}
