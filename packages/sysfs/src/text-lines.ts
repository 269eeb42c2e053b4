/**
 * Calls `fn` for every line as Go's bufio.Scanner yields them: split at `\n`, a final `\n` yields no empty
 * line, a trailing `\r` is dropped. Returning `false` from `fn` stops early.
 */
export function forEachLine(text: string, fn: (line: string) => boolean | void): void {
  let start = 0;
  const end = text.length;
  while (start < end) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = end;
    let lineEnd = nl;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (fn(text.slice(start, lineEnd)) === false) return;
    start = nl + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Go `strings.Fields` for ASCII whitespace. */
export function splitFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    out.push(text.slice(start, i));
  }
  return out;
}

/** Go `strings.TrimSpace` for ASCII whitespace. */
export function trimSpace(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}
