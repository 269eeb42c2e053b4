import type { ContainerRef } from '../ports/container-ref.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { SampleScope, SourceResult, StatsSource } from '../ports/stats-source.js';
import type { Sample, SampleIssue } from '../model/event.js';
import { ERROR_KINDS, KatamonError, errorKindOf } from '../errors/katamon-error.js';
import { mergeSourceResults, type SourceOutcome } from '../merge/merge-source-results.js';
import type { SectionPrecedence } from '../merge/section-precedence.js';
import { collectAllSync, collectAllWithDeadline, type CollectOutcome } from './collect-all-with-deadline.js';
import { checkSourceResult, hasAnySection } from './check-source-result.js';
import { mostRelevantError } from './most-relevant-error.js';

/** Default per-source deadline: generous for an agent over vsock, short next to the 5 s default interval. */
export const DEFAULT_SOURCE_DEADLINE_MS = 2000;

export interface SampleContainerDeps {
  sources: readonly StatsSource[];
  scheduler: Scheduler;
  deadlineMs?: number;
  precedence?: SectionPrecedence;
}

/**
 * One sample: every source whose probe handles `ref` collects in parallel under a deadline; failures
 * become issues and the others' data is still merged. Throws only when no source produced anything,
 * with the error that best explains it (e.g. `gone`), or `cancelled` when `signal` aborted.
 */
export async function sampleContainer(
  deps: SampleContainerDeps,
  ref: ContainerRef,
  signal?: AbortSignal,
  scope: SampleScope = 'all',
): Promise<Sample> {
  return sampleContainerNow(deps, ref, signal, scope);
}

/**
 * {@link sampleContainer}, answered synchronously (a Sample, or a throw) when every source that handles
 * `ref` has `collectSync`: a stream of cgroup-only containers then costs no promise per tick.
 */
export function sampleContainerNow(
  deps: SampleContainerDeps,
  ref: ContainerRef,
  signal?: AbortSignal,
  scope: SampleScope = 'all',
): Sample | Promise<Sample> {
  if (signal?.aborted) throw new KatamonError('cancelled', 'sample cancelled');
  // Whole milliseconds: what the `full` schema prints and clients chart; sub-ms clock noise is no information.
  const timestamp = Math.round(deps.scheduler.now());
  const issues: SampleIssue[] = [];
  const failures: unknown[] = [];
  const handling = deps.sources.filter((source) => {
    try {
      return source.probe(ref) === 'handle';
    } catch (error) {
      const failure = new KatamonError('plugin', `probe of source ${source.name} threw: ${messageOf(error)}`, {
        cause: error,
      });
      failures.push(failure);
      issues.push(issueOf(source.name, failure));
      return false;
    }
  });
  if (handling.length === 0 && failures.length === 0) {
    throw new KatamonError('unsupported', `no stats source handles container ${ref.id}`);
  }

  const collected: Collected = { ref, timestamp, handling, issues, failures, scope };
  if (handling.every((source) => source.collectSync !== undefined)) {
    return mergeAnswers(deps, collected, collectAllSync(handling, ref, signal, scope), signal);
  }
  const deadline = deps.deadlineMs ?? DEFAULT_SOURCE_DEADLINE_MS;
  return collectAllWithDeadline(handling, ref, deps.scheduler, deadline, signal, scope).then((answers) =>
    mergeAnswers(deps, collected, answers, signal),
  );
}

/** What a sample has before its sources answer. */
interface Collected {
  ref: ContainerRef;
  timestamp: number;
  handling: readonly StatsSource[];
  issues: SampleIssue[];
  failures: unknown[];
  scope: SampleScope;
}

/** The sources' answers (one per handling source, in order) as one Sample, or the error that explains none. */
function mergeAnswers(
  deps: SampleContainerDeps,
  collected: Collected,
  answers: readonly CollectOutcome[],
  signal?: AbortSignal,
): Sample {
  if (signal?.aborted) throw new KatamonError('cancelled', 'sample cancelled');
  const { ref, timestamp, handling, issues, failures, scope } = collected;
  const outcomes: SourceOutcome[] = [];
  answers.forEach((answer, i) => {
    const name = (handling[i] as StatsSource).name;
    if (!answer.ok) {
      failures.push(answer.error);
      issues.push(issueOf(name, answer.error));
      return;
    }
    const problem = checkSourceResult(answer.result);
    if (problem !== undefined) {
      const failure = new KatamonError('parse', `malformed result from source ${name}: ${problem}`);
      failures.push(failure);
      issues.push(issueOf(name, failure));
      return;
    }
    const result = answer.result as SourceResult;
    for (const issue of result.issues ?? []) {
      const own = sanitizeIssue(name, issue);
      issues.push(own);
      failures.push(new KatamonError(errorKindOf(own), own.message, own.path === undefined ? {} : { path: own.path }));
    }
    if (hasAnySection(result)) outcomes.push({ source: name, result });
  });
  if (outcomes.length === 0) {
    if (failures.length > 0) throw mostRelevantError(failures);
    throw new KatamonError('unsupported', `no stats source produced data for container ${ref.id}`);
  }

  const merged = mergeSourceResults(ref, outcomes, deps.precedence);
  const sample: Sample = { id: ref.id, timestamp, stats: merged.stats, sources: merged.sources, issues };
  if (ref.identity !== undefined) sample.identity = ref.identity;
  if (scope === 'metrics') sample.scope = 'metrics';
  return sample;
}

function issueOf(source: string, error: unknown): SampleIssue {
  const issue: SampleIssue = { source, kind: errorKindOf(error), message: messageOf(error) };
  const path = (error as { path?: unknown } | null)?.path;
  if (typeof path === 'string') issue.path = path;
  return issue;
}

// Issues come from plugins: keep them printable and their kinds inside the closed set.
function sanitizeIssue(source: string, value: unknown): SampleIssue {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Partial<SampleIssue>;
  const kind = (ERROR_KINDS as readonly string[]).includes(String(raw.kind)) ? String(raw.kind) : 'internal';
  const issue: SampleIssue = {
    source: typeof raw.source === 'string' && raw.source !== '' ? raw.source : source,
    kind,
    message: typeof raw.message === 'string' ? raw.message : String(value),
  };
  if (typeof raw.path === 'string') issue.path = raw.path;
  return issue;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
