/** How isolated plugins run: every bound that keeps a plugin from taking the host down. */
export interface IsolationOptions {
  /** Longest time a module may take to import in its worker (ms). */
  loadTimeoutMs: number;
  /**
   * Longest time any call into a worker may take (ms): factories, resolver calls, release. A collect also ends
   * at the sample's own deadline (`sourceDeadlineMs`), whichever comes first.
   */
  callTimeoutMs: number;
  /** While calls are pending, the host pings the worker this often (ms). */
  pingEveryMs: number;
  /** A worker that leaves a ping unanswered this long has a blocked event loop: it is terminated (ms). */
  stuckAfterMs: number;
  /** Largest message a worker may send (bytes); a larger answer is an error of the call. */
  replyLimitBytes: number;
  /** First wait before a stopped worker is started again (ms); doubled after each stop in a row. */
  restartDelayMs: number;
  /** Longest wait between restarts (ms). */
  restartDelayMaxMs: number;
  /** Stops in a row (without a successful call in between) after which the plugin stays disabled. */
  maxRestarts: number;
  /** V8 old-generation heap limit of a worker (MiB): past it the worker stops (and restarts). */
  maxHeapMb: number;
}

export const DEFAULT_ISOLATION: Readonly<IsolationOptions> = {
  loadTimeoutMs: 10_000,
  callTimeoutMs: 10_000,
  pingEveryMs: 500,
  stuckAfterMs: 3_000,
  replyLimitBytes: 8 * 1024 * 1024,
  restartDelayMs: 1_000,
  restartDelayMaxMs: 30_000,
  maxRestarts: 3,
  maxHeapMb: 256,
};
