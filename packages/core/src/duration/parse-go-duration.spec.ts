import { KatamonError } from '../errors/katamon-error.js';
import { parseGoDuration } from './parse-go-duration.js';

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
