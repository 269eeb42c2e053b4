/** Bounds on what a request may carry; anything larger is refused before any work is done. */
export const REQUEST_LIMITS = {
  /** Whole request target (path + query), bytes. */
  maxUrlLength: 2048,
  /** Container id path parameter: the core bound (1024) plus room for the route to reject it itself. */
  maxParamLength: 1100,
  /** Shortest and longest stream interval, ms. */
  minIntervalMs: 100,
  maxIntervalMs: 3_600_000,
} as const;
