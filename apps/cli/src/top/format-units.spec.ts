import { bytesSize, formatGoG, humanSize, percent } from './format-units.js';

describe('Go %g and docker units', () => {
  it.each([
    [0, 4, '0'],
    [1, 4, '1'],
    [1.5, 4, '1.5'],
    [1023.99, 4, '1024'],
    [12.3456, 4, '12.35'],
    [999.6, 3, '1e+03'],
    [0.0001234, 3, '0.000123'],
    [0.00001234, 3, '1.23e-05'],
    [123456, 3, '1.23e+05'],
  ])('formatGoG(%d, %d) = %s', (value, precision, text) => {
    expect(formatGoG(value, precision)).toBe(text);
  });

  it('formats sizes as docker stats does', () => {
    expect(bytesSize(0)).toBe('0B');
    expect(bytesSize(1536)).toBe('1.5KiB');
    expect(bytesSize(8 * 1024 * 1024)).toBe('8MiB');
    expect(bytesSize(2 ** 30 * 15.5)).toBe('15.5GiB');
    expect(humanSize(999)).toBe('999B');
    expect(humanSize(1000)).toBe('1kB');
    expect(humanSize(1_234_567)).toBe('1.23MB');
    expect(percent(12.345)).toBe('12.35%');
    expect(percent(0)).toBe('0.00%');
  });
});
