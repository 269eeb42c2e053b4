import { fc, test as propTest } from '@fast-check/vitest';
import { INT64_MAX, UINT64_MAX, parseIntStrict, parseUintOrNegative, parseUintStrict } from './parse-uint.js';

describe('parseUintStrict (Go ParseUint)', () => {
  it.each([
    ['0', 0n],
    ['42', 42n],
    ['999999999999999', 999999999999999n],
    ['9223372036854771712', 9223372036854771712n],
    ['18446744073709551615', UINT64_MAX],
    ['007', 7n],
  ])('%s → %s', (s, v) => expect(parseUintStrict(s)).toBe(v));

  it.each(['', '18446744073709551616', '-1', '+1', ' 1', '1 ', '1.5', 'max', '0x10'])('rejects %j', (s) =>
    expect(parseUintStrict(s)).toBeUndefined(),
  );

  propTest.prop([fc.bigInt({ min: 0n, max: UINT64_MAX })])('round-trips every uint64', (v) => {
    expect(parseUintStrict(v.toString())).toBe(v);
  });
});

describe('parseUintOrNegative (the cgroup library rule)', () => {
  it('turns negative integers into 0, even below int64 min', () => {
    expect(parseUintOrNegative('-1')).toBe(0n);
    expect(parseUintOrNegative('-99999999999999999999999')).toBe(0n);
  });
  it('keeps "-0" and garbage as errors, like Go', () => {
    expect(parseUintOrNegative('-0')).toBeUndefined();
    expect(parseUintOrNegative('-')).toBeUndefined();
    expect(parseUintOrNegative('-1a')).toBeUndefined();
  });
});

describe('parseIntStrict (Go ParseInt)', () => {
  it('parses signed values within int64', () => {
    expect(parseIntStrict('-1')).toBe(-1n);
    expect(parseIntStrict('+5')).toBe(5n);
    expect(parseIntStrict('9223372036854775807')).toBe(INT64_MAX);
    expect(parseIntStrict('-9223372036854775808')).toBe(-9223372036854775808n);
  });
  it('rejects out-of-range and junk', () => {
    expect(parseIntStrict('9223372036854775808')).toBeUndefined();
    expect(parseIntStrict('')).toBeUndefined();
    expect(parseIntStrict('-')).toBeUndefined();
  });
});
