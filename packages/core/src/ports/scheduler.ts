/** Wall-clock and timer port. The use cases never sleep or read the clock themselves. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Scheduler extends Clock {
  /** Run `fn` after `delayMs`; returns a function that cancels it. */
  setTimer(delayMs: number, fn: () => void): () => void;
}
