import { formatGoDuration } from './format-go-duration.js';

describe('formatGoDuration (Go Duration.String)', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [999n, '999ns'],
    [1_000n, '1\u00b5s'],
    [1_500n, '1.5\u00b5s'],
    [1_200_000n, '1.2ms'],
    [1_000_000_000n, '1s'],
    [5_000_000_000n, '5s'],
    [60_000_000_000n, '1m0s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_500_000_000n, '1h2m3.5s'],
    [-1_500_000_000n, '-1.5s'],
    [9223372036854775807n, '2562047h47m16.854775807s'],
    [-9223372036854775808n, '-2562047h47m16.854775808s'],
  ])('%d ns = %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('rejects values outside int64', () => {
    expect(() => formatGoDuration(2n ** 63n)).toThrow(/int64/);
  });
});
