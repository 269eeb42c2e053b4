import { fc, test } from '@fast-check/vitest';
import { KatamonError } from '../errors/katamon-error.js';
import { formatGoDuration } from './format-go-duration.js';
import { parseGoDuration } from './parse-go-duration.js';

const TWO_63 = 2n ** 63n;
const TWO_64 = 2n ** 64n;
/** Where Go's uint64 arithmetic and int64 result break, and where float64 stops being exact. */
const BOUNDARIES = [0n, 1n, 2n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 62n, TWO_63 - 1n, TWO_63];
const partValue = fc.oneof(
  { arbitrary: fc.constantFrom(...BOUNDARIES), weight: 4 },
  { arbitrary: fc.bigInt({ min: 0n, max: TWO_63 }), weight: 1 },
);

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['+0', 0n],
    ['5s', 5_000_000_000n],
    ['+2s', 2_000_000_000n],
    ['-1s', -1_000_000_000n],
    ['1h2m3s', 3_723_000_000_000n],
    ['1.5s', 1_500_000_000n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['1s1s', 2_000_000_000n],
    ['3us', 3_000n],
    ['3\u00b5s', 3_000n],
    ['3\u03bcs', 3_000n],
    ['7ms', 7_000_000n],
    ['0.1ns', 0n],
    ['1.0000000001s', 1_000_000_000n],
    ['2562047h47m16.854775807s', 9223372036854775807n],
    ['9223372036854775807ns', 9223372036854775807n],
    ['-9223372036854775808ns', -9223372036854775808n],
    // Go sums the parts in a uint64 that wraps: 2^63 + 2^63 is 0 (values printed by Go 1.19).
    ['9223372036854775808ns9223372036854775808ns', 0n],
    ['-9223372036854775808ns9223372036854775808ns1ns', -1n],
    ['+9223372036854775808ns9223372036854775808ns9223372036854775807ns', 9223372036854775807n],
    // Fractions go through float64 and are truncated, not rounded (values printed by Go 1.19).
    ['0.9999999999ns', 0n],
    ['1.9999999999s', 1_999_999_999n],
    ['0.123456789123h', 444_444_440_842n],
    ['1.000000000000000000000000001h', 3_600_000_000_000n],
  ])('%s = %d ns', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    [' 5s', 'time: invalid duration " 5s"'],
    ['-', 'time: invalid duration "-"'],
    ['+', 'time: invalid duration "+"'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['5', 'time: missing unit in duration "5"'],
    ['1s5', 'time: missing unit in duration "1s5"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['5S', 'time: unknown unit "S" in duration "5S"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'],
    ['99999999999999999999s', 'time: invalid duration "99999999999999999999s"'],
    [
      '4611686018427387904ns4611686018427387904ns',
      'time: invalid duration "4611686018427387904ns4611686018427387904ns"',
    ],
    ['9223372036854775808ns1ns', 'time: invalid duration "9223372036854775808ns1ns"'],
    // time.quote, not strconv.Quote: non-ASCII and control bytes as \x escapes, `"` and `\` escaped.
    ['1d\u00e9', 'time: unknown unit "d\\xc3\\xa9" in duration "1d\\xc3\\xa9"'],
    ['x"\\\t', 'time: invalid duration "x\\"\\\\\\x09"'],
    ['\ud800', 'time: invalid duration "\\xef\\xbf\\xbd"'],
  ])('%j fails with %s', (text, message) => {
    let error: unknown;
    try {
      parseGoDuration(text);
    } catch (e) {
      error = e;
    }
    expect(KatamonError.isKind(error, 'invalid-argument')).toBe(true);
    expect((error as Error).message).toBe(message);
  });
});

describe('parseGoDuration properties', () => {
  test.prop([fc.bigInt({ min: -TWO_63, max: TWO_63 - 1n })])('reads back what formatGoDuration prints', (ns) => {
    expect(parseGoDuration(formatGoDuration(ns))).toBe(ns);
  });

  // Two parts a, b ≤ 2^63: Go's sum is (a + b) mod 2^64, valid while it is at most 2^63 (2^63 only negated).
  test.prop([fc.constantFrom('', '-', '+'), partValue, partValue], { numRuns: 2000 })(
    'sums parts as Go does, in a wrapping uint64',
    (sign, a, b) => {
      const text = `${sign}${a}ns${b}ns`;
      const sum = (a + b) % TWO_64;
      if (sum > TWO_63 || (sum === TWO_63 && sign !== '-')) {
        expect(() => parseGoDuration(text)).toThrow(`time: invalid duration "${text}"`);
      } else {
        expect(parseGoDuration(text)).toBe(sign === '-' ? -sum : sum);
      }
    },
  );

  // Go: uint64(float64(f) * (float64(unit) / scale)) truncates; a fraction of a nanosecond never rounds up.
  test.prop([
    fc.oneof(fc.constantFrom(...BOUNDARIES.slice(0, -1)), fc.bigInt({ min: 0n, max: TWO_63 - 1n })),
    fc.stringMatching(/^[0-9]{1,30}$/),
  ])('drops a fraction of a nanosecond, however close to 1 it is', (whole, fraction) => {
    expect(parseGoDuration(`${whole}.${fraction}ns`)).toBe(whole);
    expect(parseGoDuration(`${whole}.9${fraction}ns`)).toBe(whole);
  });
});
