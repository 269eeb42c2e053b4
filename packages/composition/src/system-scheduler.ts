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

/**
 * The Scheduler on real timers. `now()` is epoch milliseconds from the monotonic clock (the wall clock
 * once, at creation, plus `process.hrtime()` since), so a wall-clock step (NTP, a manual date change) can
 * neither stall nor rush the interval stream's tick arithmetic. Not the global `performance`: its first
 * use loads perf_hooks (about ten internal modules) during the CLI's start-up.
 */
export function createSystemScheduler(options: SystemSchedulerOptions = {}): Scheduler {
  const origin = Date.now() - monotonicMs();
  const now = () => origin + monotonicMs();
  return {
    now,
    setTimer(delayMs, fn) {
      const due = now() + Math.max(0, Number.isFinite(delayMs) ? delayMs : 0);
      let timer: ReturnType<typeof setTimeout>;
      const arm = (): void => {
        const left = due - now();
        // Whole milliseconds (Node's timers have no finer resolution): Node keeps one timer list per
        // distinct delay, so a stream re-armed with 10 (or 9) every tick reuses its list, where a fractional
        // delay made, queued and dropped a new list at every tick.
        timer = setTimeout(left > MAX_TIMER_MS ? arm : fn, Math.min(Math.max(0, Math.round(left)), MAX_TIMER_MS));
        if (options.unref === true) timer.unref();
      };
      arm();
      return () => clearTimeout(timer);
    },
  };
}

/** Real timers that keep the process alive (the CLI default). */
export const systemScheduler: Scheduler = createSystemScheduler();
