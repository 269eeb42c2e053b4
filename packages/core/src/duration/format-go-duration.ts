import { KatamonError } from '../errors/katamon-error.js';

const SECOND = 1_000_000_000n;

/** `frac` digits of v / 10^prec, trailing zeros dropped, with the point; '' when the fraction is zero. */
function fraction(v: bigint, prec: number): string {
  const digits = (v % 10n ** BigInt(prec)).toString().padStart(prec, '0').replace(/0+$/, '');
  return digits === '' ? '' : '.' + digits;
}

/**
 * Go's `time.Duration.String`: `1h2m3.5s`, `1.5ms`, `2µs` (U+00B5), `0s`. The input is int64 nanoseconds.
 */
export function formatGoDuration(ns: bigint): string {
  if (ns < -(1n << 63n) || ns >= 1n << 63n) {
    throw new KatamonError('invalid-argument', `duration ${ns}ns is out of the int64 range`);
  }
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  let s: string;
  if (u === 0n) return '0s';
  if (u < SECOND) {
    // Below a second Go switches to the largest unit that keeps an integer part.
    if (u < 1_000n) s = u + 'ns';
    else if (u < 1_000_000n) s = u / 1_000n + fraction(u, 3) + '\u00b5s';
    else s = u / 1_000_000n + fraction(u, 6) + 'ms';
  } else {
    const secs = u / SECOND;
    s = (secs % 60n) + fraction(u, 9) + 's';
    const mins = secs / 60n;
    if (mins > 0n) {
      s = (mins % 60n) + 'm' + s;
      const hours = mins / 60n;
      if (hours > 0n) s = hours + 'h' + s;
    }
  }
  return neg ? '-' + s : s;
}
