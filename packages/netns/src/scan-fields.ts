/**
 * Splits kernel text lines into whitespace-separated fields without allocating strings: `fn` receives the
 * line's field boundaries (starts[i]..ends[i] in `buf`) and the field count. Lines with more fields than
 * `maxFields` report `maxFields + 1` so callers can still tell "too many" apart. The first `skip` lines
 * (headers) are not reported.
 */
export function scanFields(
  buf: Uint8Array,
  length: number,
  skip: number,
  maxFields: number,
  fn: (starts: Int32Array, ends: Int32Array, count: number, lineStart: number, lineEnd: number) => void,
): void {
  const starts = new Int32Array(maxFields + 1);
  const ends = new Int32Array(maxFields + 1);
  let pos = 0;
  let line = 0;
  while (pos < length) {
    let end = buf.indexOf(10, pos);
    if (end === -1 || end > length) end = length;
    if (line++ >= skip) {
      let count = 0;
      let i = pos;
      while (i < end) {
        while (i < end && (buf[i] === 32 || buf[i] === 9)) i++;
        if (i >= end) break;
        const start = i;
        while (i < end && buf[i] !== 32 && buf[i] !== 9) i++;
        if (count <= maxFields) {
          starts[count] = start;
          ends[count] = i;
        }
        count++;
      }
      if (count > 0) fn(starts, ends, Math.min(count, maxFields + 1), pos, end);
    }
    pos = end + 1;
  }
}

/** Value of hex digits buf[from..to) (either case), or -1 when a byte is not a hex digit. Safe below 2^53. */
export function hexValue(buf: Uint8Array, from: number, to: number): number {
  if (from >= to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i] as number;
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Value of decimal digits buf[from..to), or -1 when a byte is not a digit. Safe below 2^53. */
export function decimalValue(buf: Uint8Array, from: number, to: number): number {
  if (from >= to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
