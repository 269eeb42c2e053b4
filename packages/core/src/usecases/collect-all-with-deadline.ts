import type { ContainerRef } from '../ports/container-ref.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { SampleScope, SourceResult, StatsSource } from '../ports/stats-source.js';
import { KatamonError } from '../errors/katamon-error.js';
import { onAbort } from './on-abort.js';

export type CollectOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/**
 * Runs every source's collect in parallel under one deadline (a Scheduler timer) and the caller's
 * signal, one outcome per source, in order. Never rejects and never waits for a source that ignores
 * its signal: the deadline or the caller's abort settles whatever is still pending, and the signal the
 * sources got is aborted so they can stop their work. All sources start together with the same
 * deadline, so one timer and one AbortController serve them all (both are costly in Node, and a
 * sample runs every tick); the timer is cancelled on every path, and not armed at all when every source
 * answered within the first promise job. Sources with `collectSync` are called directly, before the others
 * start, and need none of it.
 */
export function collectAllWithDeadline(
  sources: readonly StatsSource[],
  ref: ContainerRef,
  scheduler: Scheduler,
  deadlineMs: number,
  signal?: AbortSignal,
  scope: SampleScope = 'all',
): Promise<CollectOutcome[]> {
  if (sources.length === 0) return Promise.resolve([]);
  let synchronous = 0;
  for (const source of sources) if (source.collectSync !== undefined) synchronous++;
  const request: AsyncCollect = {
    sources,
    ref,
    scheduler,
    deadlineMs,
    scope,
    ...(signal === undefined ? {} : { signal }),
  };
  if (synchronous === 0) return collectAsync(request);
  // The others start first (an agent round trip then overlaps the local reads); only they need the
  // signal, the promises and the timer. Synchronous sources answer here and now.
  const pending =
    synchronous === sources.length
      ? undefined
      : collectAsync({ ...request, sources: sources.filter((source) => source.collectSync === undefined) });
  const outcomes = new Array<CollectOutcome | undefined>(sources.length);
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i] as StatsSource;
    if (source.collectSync !== undefined) outcomes[i] = collectOneSync(source, ref, signal, scope);
  }
  if (pending === undefined) return Promise.resolve(outcomes as CollectOutcome[]);
  return pending.then((late) => {
    let next = 0;
    for (let i = 0; i < outcomes.length; i++) outcomes[i] ??= late[next++];
    return outcomes as CollectOutcome[];
  });
}

/** Every source's `collectSync` (each must have one), one outcome per source, in order; never throws. */
export function collectAllSync(
  sources: readonly StatsSource[],
  ref: ContainerRef,
  signal?: AbortSignal,
  scope: SampleScope = 'all',
): CollectOutcome[] {
  const outcomes = new Array<CollectOutcome>(sources.length);
  for (let i = 0; i < sources.length; i++) outcomes[i] = collectOneSync(sources[i] as StatsSource, ref, signal, scope);
  return outcomes;
}

// The scope is passed only when it narrows the read: a source written before scopes sees the call it knows.
function collectOneSync(
  source: StatsSource,
  ref: ContainerRef,
  signal: AbortSignal | undefined,
  scope: SampleScope,
): CollectOutcome {
  if (signal?.aborted) return { ok: false, error: new KatamonError('cancelled', 'sample cancelled') };
  try {
    const collectSync = source.collectSync as NonNullable<StatsSource['collectSync']>;
    return { ok: true, result: scope === 'all' ? collectSync(ref) : collectSync(ref, scope) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The asynchronous part of a collect: its sources, and what they share (ref, clock, deadline, signal). */
interface AsyncCollect {
  sources: readonly StatsSource[];
  ref: ContainerRef;
  scheduler: Scheduler;
  deadlineMs: number;
  scope: SampleScope;
  signal?: AbortSignal;
}

function collectAsync({ sources, ref, scheduler, deadlineMs, scope, signal }: AsyncCollect): Promise<CollectOutcome[]> {
  return new Promise((resolve) => {
    const inner = new AbortController();
    const outcomes: (CollectOutcome | undefined)[] = sources.map(() => undefined);
    let pending = sources.length;
    let settled = false;
    const timer: { cancel?: () => void; unlisten?: () => void } = {};
    const finish = (late?: (source: StatsSource) => unknown): void => {
      if (settled) return;
      settled = true;
      timer.cancel?.();
      timer.unlisten?.();
      if (late !== undefined) {
        sources.forEach((source, i) => (outcomes[i] ??= { ok: false, error: late(source) }));
        inner.abort(new KatamonError('cancelled', 'sample settled without this source'));
      }
      resolve(outcomes as CollectOutcome[]);
    };
    const cancel = (): void => finish(() => new KatamonError('cancelled', 'sample cancelled'));
    if (signal?.aborted) return cancel();
    if (signal !== undefined) timer.unlisten = onAbort(signal, cancel);
    sources.forEach((source, i) => {
      const settle = (outcome: CollectOutcome): void => {
        if (settled) return;
        outcomes[i] = outcome;
        if (--pending === 0) finish();
      };
      let answer: Promise<SourceResult>;
      try {
        answer = Promise.resolve(
          scope === 'all' ? source.collect(ref, inner.signal) : source.collect(ref, inner.signal, scope),
        );
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer.then(
        (result) => settle({ ok: true, result }),
        (error: unknown) => settle({ ok: false, error }),
      );
    });
    // The deadline timer is armed one promise job later: a source that did its work synchronously (cgroup
    // files are read with sync preads) has settled by then, and a stream then costs one timer per tick, not
    // two. Its answer's job was queued above, before this one. The deadline still counts from now.
    const started = scheduler.now();
    queueMicrotask(() => {
      if (settled) return;
      const left = Math.max(0, deadlineMs - (scheduler.now() - started));
      timer.cancel = scheduler.setTimer(left, () =>
        finish((source) => new KatamonError('timeout', `source ${source.name} did not answer within ${deadlineMs} ms`)),
      );
    });
  });
}
