import { KatamonError } from '../errors/katamon-error.js';
import { goTimeQuote, utf8Bytes } from './go-time-quote.js';

/*
 * Go's `time.ParseDuration`, step for step (Go 1.19; events-contract §1.1), over the UTF-8 bytes Go would
 * see. Same accepted language, same nanosecond value (including the float64 rounding Go applies to
 * fractions), same error texts.
 */

const NS = 1n;
const units = new Map<string, bigint>([
  ['ns', NS],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // U+00B5 micro sign
  ['\u03bcs', 1_000n], // U+03BC Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const ONE_63 = 1n << 63n;
const UINT64_MASK = (1n << 64n) - 1n;
const decoder = new TextDecoder();

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** Nanoseconds, as a bigint in the int64 range. Errors are KatamonError('invalid-argument', <Go's text>). */
export function parseGoDuration(text: string): bigint {
  const b = utf8Bytes(text);
  const invalid = (): KatamonError => new KatamonError('invalid-argument', 'time: invalid duration ' + goTimeQuote(b));
  let i = 0;
  let neg = false;
  if (b[0] === 0x2d || b[0] === 0x2b) {
    neg = b[0] === 0x2d;
    i = 1;
  }
  if (b.length - i === 1 && b[i] === 0x30) return 0n; // "0", "-0", "+0"
  if (i === b.length) throw invalid();
  let d = 0n;
  while (i < b.length) {
    if (!(b[i] === 0x2e || isDigit(b[i]))) throw invalid();
    // [0-9]*: overflow past 2^63 is an error.
    const pl = i;
    let v = 0n;
    for (; isDigit(b[i]); i++) {
      if (v > ONE_63 / 10n) throw invalid();
      v = v * 10n + BigInt((b[i] as number) - 0x30);
      if (v > ONE_63) throw invalid();
    }
    const pre = pl !== i;
    // (\.[0-9]*)?: precision stops accumulating on overflow, which is not an error.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (b[i] === 0x2e) {
      i++;
      const fl = i;
      let overflow = false;
      for (; isDigit(b[i]); i++) {
        if (overflow) continue;
        if (f > (ONE_63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt((b[i] as number) - 0x30);
        if (y > ONE_63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = fl !== i;
    }
    if (!pre && !post) throw invalid();
    const us = i;
    while (i < b.length && !(b[i] === 0x2e || isDigit(b[i]))) i++;
    if (us === i) throw new KatamonError('invalid-argument', 'time: missing unit in duration ' + goTimeQuote(b));
    const u = b.subarray(us, i);
    const unit = units.get(decoder.decode(u));
    if (unit === undefined) {
      throw new KatamonError('invalid-argument', `time: unknown unit ${goTimeQuote(u)} in duration ${goTimeQuote(b)}`);
    }
    if (v > ONE_63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)), float64 arithmetic, truncated.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > ONE_63) throw invalid();
    }
    // Go sums in a uint64 that wraps: d and v are each at most 2^63 here, so only 2^63 + 2^63 wraps (to 0).
    d = (d + v) & UINT64_MASK;
    if (d > ONE_63) throw invalid();
  }
  if (neg) return -d;
  if (d > ONE_63 - 1n) throw invalid();
  return d;
}
