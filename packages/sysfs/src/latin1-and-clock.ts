/** Monotonic milliseconds: the global `performance` would load perf_hooks (≈ 10 internal modules) at start-up. */
export const monotonicMs = (): number => process.uptime() * 1000;

// Buffer#latin1Slice is what toString('latin1', …) ends in, without the encoding lookup and argument checks
// (a measurable share of a read of a short cgroup file); toString stays the fallback.
const latin1Slice = (
  Buffer.prototype as unknown as {
    latin1Slice?: (start: number, end: number) => string;
  }
).latin1Slice;
export const latin1Range: (buffer: Buffer, start: number, end: number) => string =
  typeof latin1Slice === 'function'
    ? (buffer, start, end) => latin1Slice.call(buffer, start, end)
    : (buffer, start, end) => buffer.toString('latin1', start, end);
