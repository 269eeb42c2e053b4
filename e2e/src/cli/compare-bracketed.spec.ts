import { parseJsonExact } from '@katamon/core';
import { compareBracketed } from './compare-bracketed.js';

function problems(before: string, ours: string, after: string): string[] {
  const found: string[] = [];
  compareBracketed(parseJsonExact(before), parseJsonExact(ours), parseJsonExact(after), '$', found);
  return found;
}

describe(compareBracketed, () => {
  it('sees a difference of one above 2^53, which JSON.parse would round away', () => {
    const runc = '{"limit":9007199254740992}';
    expect(JSON.parse('{"limit":9007199254740993}')).toEqual(JSON.parse(runc));
    expect(problems(runc, '{"limit":9007199254740993}', runc)).toEqual([
      '$.limit: 9007199254740993 not in [9007199254740992, 9007199254740992]',
    ]);
    expect(problems(runc, runc, runc)).toEqual([]);
  });

  it('brackets counters up to 2^64-1 exactly', () => {
    const [b, a] = ['{"c":18446744073709551613}', '{"c":18446744073709551615}'];
    expect(problems(b, '{"c":18446744073709551614}', a)).toEqual([]);
    expect(problems(b, '{"c":18446744073709551612}', a)).toHaveLength(1);
  });

  it('compares an integer-printed float with a fractional one by value', () => {
    expect(problems('{"avg10":0}', '{"avg10":0.25}', '{"avg10":0.5}')).toEqual([]);
    expect(problems('{"avg10":0}', '{"avg10":0.75}', '{"avg10":0.5}')).toHaveLength(1);
  });

  it('reports keys in another order, other strings, other array lengths', () => {
    expect(problems('{"a":1,"b":2}', '{"b":2,"a":1}', '{"a":1,"b":2}')).toEqual(['$: keys [b,a] vs runc [a,b]']);
    expect(problems('{"s":"x"}', '{"s":"y"}', '{"s":"x"}')).toEqual(['$.s: y vs runc x']);
    expect(problems('[1,2]', '[1]', '[1,2]')).toEqual(['$: array lengths 1 vs 2/2']);
  });
});
