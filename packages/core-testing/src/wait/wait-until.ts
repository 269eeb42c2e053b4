export interface WaitOptions {
  /** What is awaited, for the error: "container abc's init to exec". */
  what: string;
  /** Give up after this long (default 30 s: a loaded two-core runner is slow, never this slow). */
  timeoutMs?: number;
  /** Between two probes (default 10 ms). */
  intervalMs?: number;
}

/**
 * Probes until `probe` returns something other than undefined, and returns it. Tests wait for the
 * condition they need, never for a fixed time; the deadline only turns a condition that never comes into
 * an error naming it (with the last `describe()` of the state, if given) instead of a hang.
 */
export async function waitUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions & { describe?: () => string | Promise<string> },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const state = options.describe ? `; last seen: ${await options.describe()}` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${options.what}${state}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 10));
  }
}
