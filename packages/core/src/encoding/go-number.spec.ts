import { KatamonError } from '../errors/katamon-error.js';
import { f64, i64, u16, u64 } from './go-number.js';

describe('Go number formatting', () => {
  it('prints uint64 exactly over the full range', () => {
    expect(u64(0n)).toBe('0');
    expect(u64(9223372036854771712n)).toBe('9223372036854771712');
    expect(u64(18446744073709551615n)).toBe('18446744073709551615');
  });

  it('rejects values outside the Go type as a bug, never wrapping', () => {
    expect(() => u64(-1n)).toThrow(KatamonError);
    expect(() => u64(2n ** 64n)).toThrow(/out of the uint64 range/);
    expect(i64(-1n)).toBe('-1');
    expect(() => i64(2n ** 63n)).toThrow(/int64/);
    expect(() => u16(65536)).toThrow(/uint16/);
  });

  it.each([
    [0, '0'],
    [-0, '-0'],
    [1.5, '1.5'],
    [12.34, '12.34'],
    [100, '100'],
    [0.000001, '0.000001'],
    [1e-7, '1e-7'],
    [1.5e-7, '1.5e-7'],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('float64 %d as %s', (v, text) => {
    expect(f64(v)).toBe(text);
  });

  it('refuses NaN and infinities as Go does', () => {
    expect(() => f64(Number.NaN)).toThrow(/unsupported value/);
    expect(() => f64(Infinity)).toThrow(/unsupported value/);
  });
});
