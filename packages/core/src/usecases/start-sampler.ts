import type { ContainerRef } from '../ports/container-ref.js';
import type { Logger } from '../ports/logger.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { StatsSource } from '../ports/stats-source.js';
import type { Sample } from '../model/event.js';
import { errorKindOf } from '../errors/katamon-error.js';
import type { StreamEndReason, StreamItem } from './katamon.js';

export interface SamplerDeps {
  scheduler: Scheduler;
  logger: Logger;
  /** One sample; synchronous when every source of `ref` is (see `sampleContainerNow`). */
  sample(ref: ContainerRef, signal: AbortSignal): Sample | Promise<Sample>;
  /** The resolver's view of `ref` now; undefined once it is gone. */
  refresh(ref: ContainerRef): Promise<ContainerRef | undefined>;
  /** Sources that handle `ref` and can watch for OOM kills. */
  oomWatchers(ref: ContainerRef): StatsSource[];
}

/** One running sampler of one (container, interval). */
export interface Sampler {
  /** Start OOM watching (idempotent). */
  watchOom(): void;
  /** Stop for good: cancels the timer, aborts the sample in flight, emits `end`. */
  stop(reason: StreamEndReason): void;
  readonly ended: boolean;
}

/**
 * Ticks at start + k·interval (k ≥ 1) like Go's time.Tick, so the first sample comes one interval after
 * the start. A sample in flight when a tick falls due makes that tick drop (it is never queued): the
 * next timer is armed after the sample, at the first boundary not yet past. A failed sample emits an
 * `error` item and the next tick retries, unless the container is gone (error kind `gone`, or the
 * resolver no longer sees it running).
 */
export function startSampler(
  initial: ContainerRef,
  intervalMs: number,
  deps: SamplerDeps,
  emit: (item: StreamItem) => void,
): Sampler {
  const { scheduler } = deps;
  const id = initial.id;
  const start = scheduler.now();
  const inFlight = new AbortController();
  const oomAbort = new AbortController();
  let ref = initial;
  let tick = 0;
  let cancelTimer: (() => void) | undefined;
  let ended = false;
  let watching = false;

  const arm = (): void => {
    const now = scheduler.now();
    // Boundaries already past are dropped ticks; one that falls exactly now still fires.
    tick = Math.max(tick + 1, Math.ceil((now - start) / intervalMs));
    cancelTimer = scheduler.setTimer(Math.max(0, start + tick * intervalMs - now), fire);
  };
  // One callback for every tick (no closure per tick). A synchronous sample is emitted from the timer's own
  // callback: no promise, no microtask.
  const fire = (): void => {
    cancelTimer = undefined;
    let answer: Sample | Promise<Sample>;
    try {
      answer = deps.sample(ref, inFlight.signal);
    } catch (error) {
      void onFailure(error);
      return;
    }
    if (answer instanceof Promise) answer.then(onSample, onFailure);
    else onSample(answer);
  };

  const onSample = (sample: Sample): void => {
    if (ended) return;
    emit({ type: 'sample', sample });
    if (!ended) arm();
  };

  const onFailure = async (error: unknown): Promise<void> => {
    if (ended) return;
    if (errorKindOf(error) === 'gone' || !(await stillThere())) return stop('gone');
    if (ended) return;
    emit({
      type: 'error',
      id,
      kind: errorKindOf(error),
      message: error instanceof Error ? error.message : String(error),
    });
    if (!ended) arm();
  };

  const stillThere = async (): Promise<boolean> => {
    try {
      const fresh = await deps.refresh(ref);
      if (fresh === undefined || fresh.status === 'stopped') return false;
      ref = fresh;
    } catch (error) {
      // Not knowing is not "gone": keep the stream and let the next tick retry.
      deps.logger.warn('container refresh failed', { id, error: String(error) });
    }
    return true;
  };

  const watchOne = async (source: StatsSource): Promise<void> => {
    try {
      for await (const signal of (source.watchOom as NonNullable<StatsSource['watchOom']>)(ref, oomAbort.signal)) {
        if (ended) return;
        if (signal === 'oom') emit({ type: 'oom', id });
        if (signal === 'gone') return stop('gone');
      }
    } catch (error) {
      if (ended) return;
      deps.logger.warn('OOM watch failed', { id, source: source.name, error: String(error) });
      emit({
        type: 'error',
        id,
        kind: errorKindOf(error),
        message: `OOM watch of ${source.name} failed: ${String(error)}`,
      });
    }
  };

  function stop(reason: StreamEndReason): void {
    if (ended) return;
    ended = true;
    cancelTimer?.();
    cancelTimer = undefined;
    inFlight.abort();
    oomAbort.abort();
    emit({ type: 'end', id, reason });
  }

  arm();
  return {
    watchOom() {
      if (watching || ended) return;
      watching = true;
      for (const source of deps.oomWatchers(ref)) void watchOne(source);
    },
    stop,
    get ended() {
      return ended;
    },
  };
}
