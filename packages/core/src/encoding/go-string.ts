/**
 * Go `encoding/json` string encoding (HTML-safe, as `json.Marshal` and `Encoder.Encode` default to),
 * for JavaScript strings:
 *
 * - `"` and `\` are backslash-escaped; `\n` `\r` `\t` use their short escapes.
 * - Every other control character below U+0020 is `\u00XX` with lower-case hex, **including U+0008 and
 *   U+000C**: Go < 1.22 (1.19 built runc 1.1.5 on Debian 12, kata 1.11.1 predates 1.22, and 1.19 is the
 *   toolchain the differential test runs) writes `\u0008`/`\u000c`; Go ≥ 1.22 would write `\b`/`\f`.
 * - `<` `>` `&` are `\u003c` `\u003e` `\u0026`; U+2028 and U+2029 are `\u2028` `\u2029`.
 * - DEL (U+007F) and every other character are written as is.
 * - A lone surrogate (the UTF-16 counterpart of invalid UTF-8) is `\ufffd`, as Go writes an invalid byte.
 */

// Characters that need any work; strings without them (the common case) are copied once.
// eslint-disable-next-line no-control-regex -- control characters are exactly what Go escapes
const needsEscape = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

const hex = '0123456789abcdef';

export function goString(s: string): string {
  if (!needsEscape.test(s)) return '"' + s + '"';
  return '"' + escapeSlow(s) + '"';
}

function escapeSlow(s: string): string {
  let out = '';
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c < 0x20) {
      rep = c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + hex[c >> 4] + hex[c & 15];
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x3c) rep = '\\u003c';
    else if (c === 0x3e) rep = '\\u003e';
    else if (c === 0x26) rep = '\\u0026';
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair stays as is
        continue;
      }
      rep = '\\ufffd';
    } else continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return out + s.slice(start);
}

/** Replaces lone surrogates with U+FFFD: the string Go holds after decoding what {@link goString} wrote. */
export function wellFormed(s: string): string {
  let out = '';
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    out += s.slice(start, i) + '\ufffd';
    start = i + 1;
  }
  return start === 0 ? s : out + s.slice(start);
}

/**
 * Orders map keys as Go does: byte-wise over UTF-8, i.e. by code point. UTF-16 order differs only once a
 * surrogate is involved; those (rare) comparisons go by code point. A lone surrogate stands for an invalid
 * UTF-8 byte, which sorts after every valid sequence in Go.
 */
export function compareUtf8(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0xd800 && cb < 0xd800) return ca - cb;
    // Start at the high half when the difference is in the low half of a pair.
    const from = i > 0 && (a.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
    return compareCodePoints(a, b, from);
  }
  // A shared prefix ending in a high surrogate: lone in one string, paired in the other.
  if (n > 0 && (a.charCodeAt(n - 1) & 0xfc00) === 0xd800) return compareCodePoints(a, b, n - 1);
  return a.length - b.length;
}

const INVALID = 0x110000;

function codePoint(s: string, i: number): number {
  const c = s.codePointAt(i) as number;
  return c >= 0xd800 && c <= 0xdfff ? INVALID : c;
}

function compareCodePoints(a: string, b: string, from: number): number {
  let i = from;
  let j = from;
  while (i < a.length && j < b.length) {
    const ca = codePoint(a, i);
    const cb = codePoint(b, j);
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff && ca !== INVALID ? 2 : 1;
    j += cb > 0xffff && cb !== INVALID ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}
