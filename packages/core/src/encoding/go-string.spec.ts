import { compareUtf8, goString, wellFormed } from './go-string.js';

describe('goString (Go encoding/json, HTML-safe, Go < 1.22 control escapes)', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['"quoted" \\ back', '"\\"quoted\\" \\\\ back"'],
    ['a\nb\rc\td', '"a\\nb\\rc\\td"'],
    ['\b\f', '"\\u0008\\u000c"'],
    ['\u0000\u0001\u001f', '"\\u0000\\u0001\\u001f"'],
    ['\u007f', '"\u007f"'],
    ['<script>&', '"\\u003cscript\\u003e\\u0026"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['é日本\ud83d\ude00\ufffd', '"é日本\ud83d\ude00\ufffd"'],
    ['\ud800', '"\\ufffd"'],
    ['a\udc00b', '"a\\ufffdb"'],
    ['\ud83d', '"\\ufffd"'],
    ['\ude00\ud83d', '"\\ufffd\\ufffd"'],
    ['/', '"/"'],
  ])('%j → %s', (input, expected) => {
    expect(goString(input)).toBe(expected);
  });
});

describe('compareUtf8 (Go map key order)', () => {
  it('orders by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    expect(['\ud83d\ude00', '\uff61', 'b', 'a', 'B', ''].sort(compareUtf8)).toEqual([
      '',
      'B',
      'a',
      'b',
      '\uff61',
      '\ud83d\ude00',
    ]);
  });

  it('puts a lone surrogate (an invalid byte in Go) after every valid character', () => {
    expect(['\udbff', '\udbff\udcc1', '\uffff', '\ufffd'].sort(compareUtf8)).toEqual([
      '\ufffd',
      '\uffff',
      '\udbff\udcc1',
      '\udbff',
    ]);
    expect(compareUtf8('x\ud800', 'x\ud800')).toBe(0);
  });
});

it('wellFormed replaces lone surrogates only', () => {
  expect(wellFormed('a\ud800b\ud83d\ude00\udc00')).toBe('a\ufffdb\ud83d\ude00\ufffd');
  const s = 'plain';
  expect(wellFormed(s)).toBe(s);
});
