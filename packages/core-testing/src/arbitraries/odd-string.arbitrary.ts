import fc from 'fast-check';
import { wellFormed } from '@katamon/core';

/** Characters Go's encoder treats specially, plus boundaries of UTF-16/UTF-8. */
const ODD_CHARS: readonly string[] = [
  '"',
  '\\',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0080',
  '<',
  '>',
  '&',
  '\u2028',
  '\u2029',
  '\ufffd',
  '\ufeff',
  '\ue000',
  '\uffff',
  'é',
  'µ',
  'μ',
  '日本',
  '\ud83d\ude00',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '__proto__',
  'constructor',
  ' ',
];

/**
 * Strings for ids, names and map keys: plain ones, odd characters, any code point, and lone surrogates
 * (unless `loneSurrogates` is false).
 */
export function oddStringArbitrary(loneSurrogates = true): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { arbitrary: fc.constantFrom(...ODD_CHARS), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 3 }), weight: 1 },
  );
  const short = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
  // Now and then a long one (escaping and buffers grow past their first chunk), up to 4 KiB of one odd char.
  const long = fc
    .tuple(fc.constantFrom(...ODD_CHARS), fc.constantFrom(255, 256, 1023, 1024, 4096))
    .map(([c, n]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));
  const s = fc.oneof({ arbitrary: short, weight: 30 }, { arbitrary: long, weight: 1 });
  return loneSurrogates ? s : s.map(wellFormed);
}

/** A non-empty odd string (Go omits an empty omitempty string, so canonical optional strings are non-empty). */
export function nonEmptyOddStringArbitrary(loneSurrogates = true): fc.Arbitrary<string> {
  return oddStringArbitrary(loneSurrogates).map((s) => (s === '' ? 'x' : s));
}

/** Entries with keys distinct as Go sees them (lone surrogates become U+FFFD there). */
export function mapArbitrary<V>(key: fc.Arbitrary<string>, value: fc.Arbitrary<V>): fc.Arbitrary<Map<string, V>> {
  return fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => wellFormed(k) }).map((entries) => new Map(entries));
}
