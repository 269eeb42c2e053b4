/** Wall-clock and timer port. The use cases never sleep or read the clock themselves. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Scheduler extends Clock {
  /**
   * Run `fn` after `delayMs`; returns a function that cancels it. With `slackMs`, `fn` may run up to that
   * much later, in the wake-up of another timer (a poll that need not wake the process on its own); a
   * scheduler may also ignore it and run `fn` on time.
   */
  setTimer(delayMs: number, fn: () => void, slackMs?: number): () => void;
}
