/** One guest check: it returns what it measured, or throws what the kernel disagreed with. */
export interface Check {
  name: string;
  /** Needs the virtio disk at /dev/vda. */
  needsDisk?: boolean;
  /** Needs reserved huge pages. */
  needsHugepages?: boolean;
  run(): Promise<string>;
}

export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** Fails the check with `message` (what was expected and what the kernel had) unless `condition` holds. */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

export const MiB = 1n << 20n;
/** What cgroup v2 prints as `max`, as runc reports it. */
export const UINT64_MAX = 18446744073709551615n;

/**
 * Polls `probe` until it returns a value `done` accepts, or `limitMs` passes (then returns the last
 * value, for the check to report). Kernel counters advance at the guest's pace, which under TCG on a
 * loaded host is anything but fixed, so checks wait for the effect instead of sleeping a fixed time.
 */
export async function pollUntil<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  limitMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    value = await probe();
  }
  return value;
}
