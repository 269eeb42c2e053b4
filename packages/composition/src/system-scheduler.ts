import type { Scheduler } from '@katamon/core';

export interface SystemSchedulerOptions {
  /**
   * Let the process exit while timers are pending. Right for a server that lives on its sockets;
   * wrong for the CLI stream, whose only pending work is the next tick.
   */
  unref?: boolean;
}

// Node clamps longer delays to 1 ms (TimeoutOverflowWarning); Go intervals may be hours or years.
const MAX_TIMER_MS = 2 ** 31 - 1;

function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

/** A timer with slack: due at `due`, run by the first timer of this scheduler that fires after that. */
interface SlackTimer {
  due: number;
  fn: () => void;
  /** The real timer at due + slack, for when no other timer fires in between. */
  backstop: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The Scheduler on real timers. `now()` is epoch milliseconds from the monotonic clock (the wall clock
 * once, at creation, plus `process.hrtime()` since), so a wall-clock step (NTP, a manual date change) can
 * neither stall nor rush the interval stream's tick arithmetic. Not the global `performance`: its first
 * use loads perf_hooks (about ten internal modules) during the CLI's start-up.
 *
 * A timer set with `slackMs` (an OOM poll) runs in the wake-up of the first other timer of this scheduler
 * that fires after it is due (a stream's next tick), and at the end of its slack only when none did: a
 * 10 ms stream with an OOM poll every 200 ms wakes the process 100 times a second instead of 105.
 */
export function createSystemScheduler(options: SystemSchedulerOptions = {}): Scheduler {
  const origin = Date.now() - monotonicMs();
  const now = () => origin + monotonicMs();
  const slackTimers = new Set<SlackTimer>();
  // Runs in another timer's callback, after its own work: one slack timer that throws must neither keep the
  // others due from running nor lose its error, which is thrown (the first one) once all have run.
  const runDueSlackTimers = (): void => {
    if (slackTimers.size === 0) return;
    const t = now();
    let failure: { error: unknown } | undefined;
    for (const timer of slackTimers) {
      if (timer.due > t) continue;
      slackTimers.delete(timer);
      clearTimeout(timer.backstop);
      try {
        timer.fn();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  };
  const unref = (timer: ReturnType<typeof setTimeout>): void => {
    if (options.unref === true) timer.unref();
  };
  const delayOf = (ms: number): number => Math.max(0, Number.isFinite(ms) ? ms : 0);

  const withSlack = (delayMs: number, fn: () => void, slackMs: number): (() => void) => {
    const timer: SlackTimer = { due: now() + delayOf(delayMs), fn, backstop: undefined };
    timer.backstop = setTimeout(
      () => {
        slackTimers.delete(timer);
        fn();
        runDueSlackTimers();
      },
      Math.round(delayOf(delayMs) + slackMs),
    );
    unref(timer.backstop);
    slackTimers.add(timer);
    return () => {
      slackTimers.delete(timer);
      clearTimeout(timer.backstop);
    };
  };

  return {
    now,
    setTimer(delayMs, fn, slackMs) {
      if (slackMs !== undefined && slackMs > 0 && delayOf(delayMs) + slackMs <= MAX_TIMER_MS)
        return withSlack(delayMs, fn, slackMs);
      const due = now() + delayOf(delayMs);
      let timer: ReturnType<typeof setTimeout>;
      const fire = (): void => {
        fn();
        runDueSlackTimers();
      };
      const arm = (): void => {
        const left = due - now();
        // Whole milliseconds (Node's timers have no finer resolution): Node keeps one timer list per
        // distinct delay, so a stream re-armed with 10 (or 9) every tick reuses its list, where a fractional
        // delay made, queued and dropped a new list at every tick.
        timer = setTimeout(left > MAX_TIMER_MS ? arm : fire, Math.min(Math.max(0, Math.round(left)), MAX_TIMER_MS));
        unref(timer);
      };
      arm();
      return () => clearTimeout(timer);
    },
  };
}

/** Real timers that keep the process alive (the CLI default). */
export const systemScheduler: Scheduler = createSystemScheduler();
