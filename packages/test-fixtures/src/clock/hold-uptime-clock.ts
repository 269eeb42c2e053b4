export interface HeldClock {
  /** Moves the held clock forward. */
  advanceMs(ms: number): void;
  /** Gives process.uptime back. */
  restore(): void;
}

/**
 * Holds the clock the sysfs readers use (process.uptime, monotonic) still, to be moved by hand: a test of a
 * time window ("kept for 150 ms", "looked for writes at most every 50 ms") then says what happens before and
 * after it, whatever the load of the machine, instead of sleeping and hoping it ran in time. Always restore
 * (afterEach or finally).
 */
export function holdUptimeClock(): HeldClock {
  const real = process.uptime;
  let now = real.call(process);
  process.uptime = () => now;
  return {
    advanceMs: (ms) => {
      now += ms / 1000;
    },
    restore: () => {
      process.uptime = real;
    },
  };
}
