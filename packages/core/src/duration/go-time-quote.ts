/*
 * The quoting of Go's `time` package error messages (time.quote, not strconv.Quote): ASCII printable
 * characters as is with `"` and `\` backslash-escaped; every byte of a control character or of a non-ASCII
 * character as `\xNN` (lower-case hex). The replacement character U+FFFD counts as 3 bytes only when its
 * full encoding is present.
 */

const hex = '0123456789abcdef';

/** UTF-8 bytes of a JS string; lone surrogates become U+FFFD, as Go holds them after decoding JSON. */
export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function goTimeQuote(b: Uint8Array): string {
  let out = '"';
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c >= 0x20 && c < 0x80) {
      out += (c === 0x22 || c === 0x5c ? '\\' : '') + String.fromCharCode(c);
      i++;
      continue;
    }
    const width = c < 0x80 ? 1 : runeWidth(b, i);
    for (let j = 0; j < width; j++) {
      const x = b[i + j] as number;
      out += '\\x' + hex[x >> 4] + hex[x & 15];
    }
    i += width;
  }
  return out + '"';
}

/** Length of the valid UTF-8 sequence at i, or 1 for an invalid byte (Go's RuneError width). */
function runeWidth(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
  if (need === 1 || c > 0xf4) return 1;
  for (let k = 1; k < need; k++) {
    const x = b[i + k];
    if (x === undefined || (x & 0xc0) !== 0x80) return 1;
  }
  return need;
}
