import type { Scheduler } from '@katamon/core';

/** A Scheduler on virtual time: nothing fires until the test advances the clock. */
export interface FakeScheduler extends Scheduler {
  /**
   * Moves virtual time forward by `ms`, firing due timers in time order (ties in arming order). Pending
   * promise jobs run before and after each timer, so async code that arms a new timer after an `await`
   * is seen within the same advance.
   */
  advance(ms: number): Promise<void>;
  /**
   * Like {@link advance}, but no promise job runs in between or after: what a due timer does synchronously
   * is all that happened when it returns. Returns the number of timers fired.
   */
  advanceSync(ms: number): number;
  /** Lets pending promise jobs run without moving time. */
  flush(): Promise<void>;
  /** Number of armed, not yet fired or cancelled timers. */
  pendingTimers(): number;
  /** Virtual time of the earliest armed timer, if any. */
  nextTimerAt(): number | undefined;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** @param startMs virtual "now" at creation (ms since the epoch). */
export function createFakeScheduler(startMs = 0): FakeScheduler {
  let now = startMs;
  let seq = 0;
  const timers = new Set<Timer>();

  const earliest = (): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers)
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  };
  // A macrotask boundary: every promise job queued before it (and by it) has run when it fires.
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  return {
    now: () => now,
    setTimer(delayMs, fn) {
      const timer: Timer = { at: now + Math.max(0, Number.isFinite(delayMs) ? delayMs : 0), seq: seq++, fn };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (let next = earliest(); next !== undefined && next.at <= target; next = earliest()) {
        timers.delete(next);
        now = Math.max(now, next.at);
        next.fn();
        await flush();
      }
      now = Math.max(now, target);
      await flush();
    },
    advanceSync(ms) {
      const target = now + ms;
      let fired = 0;
      for (let next = earliest(); next !== undefined && next.at <= target; next = earliest()) {
        timers.delete(next);
        now = Math.max(now, next.at);
        next.fn();
        fired++;
      }
      now = Math.max(now, target);
      return fired;
    },
    flush,
    pendingTimers: () => timers.size,
    nextTimerAt: () => earliest()?.at,
  };
}
