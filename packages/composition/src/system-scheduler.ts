import type { Scheduler } from '@katamon/core';

export interface SystemSchedulerOptions {
  /**
   * Let the process exit while timers are pending. Right for a server that lives on its sockets;
   * wrong for the CLI stream, whose only pending work is the next tick.
   */
  unref?: boolean;
}

/** The Scheduler on real timers and the wall clock. */
export function createSystemScheduler(options: SystemSchedulerOptions = {}): Scheduler {
  return {
    now: () => Date.now(),
    setTimer(delayMs, fn) {
      const timer = setTimeout(fn, Math.max(0, delayMs));
      if (options.unref === true) timer.unref();
      return () => clearTimeout(timer);
    },
  };
}

/** Real timers that keep the process alive (the CLI default). */
export const systemScheduler: Scheduler = createSystemScheduler();
