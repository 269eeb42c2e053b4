/**
 * Duration texts at the edges of Go's `time.ParseDuration`: numbers around every limit its uint64/int64/float64
 * arithmetic has (2^53, 2^63, 2^64, the 1<<63/10 and 1<<63/unit guards, fractions that stop accumulating),
 * every unit and some that are not, in one, two and three parts, with every sign. Deterministic, so a
 * mismatch names an input that fails again on the next run.
 */

/** Decimal texts of the integer part: small, float-precision and uint64/int64 edges, leading zeros, none. */
const INTEGERS = [
  '',
  '0',
  '1',
  '9',
  '00',
  '007',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '922337203685477580',
  '922337203685477581',
  '2562047',
  '2562048',
  '153722867',
  '9223372036854775',
  '9223372036854776',
  '9223372036854775807',
  '9223372036854775808',
  '9223372036854775809',
  '18446744073709551615',
  '18446744073709551616',
  '99999999999999999999',
];

/** Fraction parts, dot included: none, empty, float64-inexact, 19+ digits (precision stops), near 1. */
const FRACTIONS = [
  '',
  '.',
  '.0',
  '.5',
  '.1',
  '.3',
  '.999999999',
  '.9999999999',
  '.854775807',
  '.854775808',
  '.123456789123',
  '.9223372036854775807',
  '.9223372036854775808',
  '.92233720368547758079',
  '.' + '9'.repeat(25),
  '.' + '0'.repeat(18) + '1',
  '.' + '0'.repeat(30) + '5',
];

const UNITS = ['ns', 'us', '\u00b5s', '\u03bcs', 'ms', 's', 'm', 'h'];
const NOT_UNITS = ['', 'd', 'S', 'sec', 'µ', 'é'];
const SIGNS = ['', '-', '+'];

/** Parts that reach the limits when added up: 2^63 ns (Go's sum wraps at 2^64), 2^62 ns, one hour's worth. */
const BIG_PARTS = [
  '9223372036854775808ns',
  '9223372036854775807ns',
  '4611686018427387904ns',
  '4611686018427387903ns',
  '1ns',
  '0ns',
  '2562047h',
  '2562047.788015215h',
  '47m16.854775807s',
  '47m16.854775808s',
  '16.854775808s',
  '9223372036.854775808s',
  '9223372036854775.808us',
  '.5ns',
  '0.9999999999ns',
  '153722867m',
  '2562048h',
];

export function durationBoundaryInputs(): string[] {
  const inputs = new Set<string>();
  const numbers = INTEGERS.flatMap((i) => FRACTIONS.map((f) => i + f));
  // One part: every number with every unit, a wrong unit, or none; every sign, and two signs.
  for (const sign of [...SIGNS, '--', '-+', ' ']) {
    for (const n of numbers) for (const u of [...UNITS, ...NOT_UNITS]) inputs.add(sign + n + u);
  }
  // Two parts of one unit each: where the sum crosses 2^63 and where it wraps at 2^64.
  const integerParts = INTEGERS.filter((i) => i !== '').flatMap((i) => ['ns', 'us', 's', 'h'].map((u) => i + u));
  for (const sign of SIGNS) for (const a of integerParts) for (const b of integerParts) inputs.add(sign + a + b);
  // Two and three of the big parts, in every order.
  for (const sign of SIGNS) {
    for (const a of BIG_PARTS) {
      for (const b of BIG_PARTS) {
        inputs.add(sign + a + b);
        for (const c of BIG_PARTS) inputs.add(sign + a + b + c);
      }
    }
  }
  // Bare signs, zeros and what Go special-cases.
  for (const text of ['', '0', '-0', '+0', '00', '-', '+', '.', '-.', '.s', '0.', '0.s', '1.s', '.1.s'])
    inputs.add(text);
  return [...inputs];
}
