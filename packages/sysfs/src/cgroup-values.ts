import { SysfsError } from './sysfs-error.js';
import { INT64_MAX, UINT64_MAX, parseIntStrict, parseUintOrNegative } from './parse-uint.js';
import { trimSpace } from './text-lines.js';

/**
 * Parsers for the shapes of cgroup files, with the edge cases of the cgroup library runc uses
 * (reference events-contract §3.1). `path` only names the file in errors.
 */

/** A single-value file: trimmed, `max` → 2^64−1, negative → 0. */
export function parseSingleUint(text: string, path: string): bigint {
  const s = trimSpace(text);
  if (s === 'max') return UINT64_MAX;
  const v = parseUintOrNegative(s);
  if (v === undefined) throw SysfsError.parse(path, 'not an unsigned integer');
  return v;
}

/** A single signed value: trimmed, `max` → 2^63−1. */
export function parseSingleInt(text: string, path: string): bigint {
  const s = trimSpace(text);
  if (s === 'max') return INT64_MAX;
  const v = parseIntStrict(s);
  if (v === undefined) throw SysfsError.parse(path, 'not a signed integer');
  return v;
}

/**
 * One `key value` line, split at the first single space; both parts non-empty; `max` is not special here.
 * Calls `fn(key, value)`.
 */
export function parseKeyValueLine(line: string, path: string): [string, bigint] {
  const sp = line.indexOf(' ');
  if (sp <= 0 || sp === line.length - 1) {
    throw SysfsError.parse(path, 'a line is not in "key value" format');
  }
  const value = parseUintOrNegative(line.slice(sp + 1));
  if (value === undefined) {
    throw SysfsError.parse(path, "a line's value is not an unsigned integer");
  }
  return [line.slice(0, sp), value];
}

/** `text[from, to)` as a value when it is 1–15 plain digits (exact in a double); else undefined. */
function shortDigits(text: string, from: number, to: number): bigint | undefined {
  if (to <= from || to - from > 15) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return BigInt(n);
}

/**
 * Every line of a flat-keyed file (`cpu.stat`, `memory.stat`, `memory.events`), split as `forEachLine`
 * does. Runs every sample: a line whose value is a short plain number is parsed in place (no line string,
 * no pair); any other line goes through {@link parseKeyValueLine}, which has every rule and error.
 */
export function forEachKeyValue(text: string, path: string, fn: (key: string, value: bigint) => void): void {
  let start = 0;
  const end = text.length;
  while (start < end) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = end;
    let lineEnd = nl;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // The line's first space (a space found past the line's end sends the line to the full parse).
    const sp = text.indexOf(' ', start);
    const value = sp > start && sp < lineEnd - 1 ? shortDigits(text, sp + 1, lineEnd) : undefined;
    if (value !== undefined) fn(text.slice(start, sp), value);
    else {
      const [key, parsed] = parseKeyValueLine(text.slice(start, lineEnd), path);
      fn(key, parsed);
    }
    start = nl + 1;
  }
}

/** A flat-keyed file as a Map (keys come from the kernel: a Map, never an object). */
export function parseKeyValueMap(text: string, path: string): Map<string, bigint> {
  const map = new Map<string, bigint>();
  forEachKeyValue(text, path, (key, value) => map.set(key, value));
  return map;
}

/** The value of the first line starting with `<key> `; 0 when no line matches (runc's GetValueByKey). */
export function valueByKey(text: string, key: string, path: string): bigint {
  const prefix = `${key} `;
  let result = 0n;
  let found = false;
  let lineStart = 0;
  while (!found && lineStart <= text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    if (text.startsWith(prefix, lineStart)) {
      const raw = text.slice(lineStart + prefix.length, nl);
      const v = parseUintOrNegative(raw);
      if (v === undefined) throw SysfsError.parse(path, `the value of ${key} is not an unsigned integer`);
      result = v;
      found = true;
    }
    lineStart = nl + 1;
  }
  return result;
}
