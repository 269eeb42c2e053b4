import type { ContainerRef } from '../ports/container-ref.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { SourceResult, StatsSource } from '../ports/stats-source.js';
import { KatamonError } from '../errors/katamon-error.js';

export type CollectOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/**
 * Runs one source's collect under a deadline (a Scheduler timer) and the caller's signal. Never
 * rejects and never waits for a source that ignores its signal: the deadline or the caller's abort
 * settles the outcome, and the source's own signal is aborted so it can stop its work. The timer is
 * cancelled on every path.
 */
export function collectWithDeadline(
  source: StatsSource,
  ref: ContainerRef,
  scheduler: Scheduler,
  deadlineMs: number,
  signal?: AbortSignal,
): Promise<CollectOutcome> {
  return new Promise((resolve) => {
    const inner = new AbortController();
    let settled = false;
    const timer: { cancel?: () => void } = {};
    const finish = (outcome: CollectOutcome, abortReason?: unknown): void => {
      if (settled) return;
      settled = true;
      timer.cancel?.();
      signal?.removeEventListener('abort', onAbort);
      if (abortReason !== undefined) inner.abort(abortReason);
      resolve(outcome);
    };
    const onAbort = (): void => {
      const error = new KatamonError('cancelled', 'sample cancelled');
      finish({ ok: false, error }, error);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    timer.cancel = scheduler.setTimer(deadlineMs, () => {
      const error = new KatamonError('timeout', `source ${source.name} did not answer within ${deadlineMs} ms`);
      finish({ ok: false, error }, error);
    });
    let pending: Promise<SourceResult>;
    try {
      pending = Promise.resolve(source.collect(ref, inner.signal));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (result) => finish({ ok: true, result }),
      (error: unknown) => finish({ ok: false, error }),
    );
  });
}
