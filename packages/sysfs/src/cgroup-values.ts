import { SysfsError } from './sysfs-error.js';
import {
  INT64_MAX,
  UINT64_MAX,
  parseIntStrict,
  parseUintOrNegative,
} from './parse-uint.js';
import { forEachLine, trimSpace } from './text-lines.js';

/**
 * Parsers for the shapes of cgroup files, with the edge cases of the cgroup library runc uses
 * (reference events-contract §3.1). `path` only names the file in errors.
 */

/** A single-value file: trimmed, `max` → 2^64−1, negative → 0. */
export function parseSingleUint(text: string, path: string): bigint {
  const s = trimSpace(text);
  if (s === 'max') return UINT64_MAX;
  const v = parseUintOrNegative(s);
  if (v === undefined)
    throw SysfsError.parse(path, `invalid unsigned value ${JSON.stringify(s)}`);
  return v;
}

/** A single signed value: trimmed, `max` → 2^63−1. */
export function parseSingleInt(text: string, path: string): bigint {
  const s = trimSpace(text);
  if (s === 'max') return INT64_MAX;
  const v = parseIntStrict(s);
  if (v === undefined)
    throw SysfsError.parse(path, `invalid signed value ${JSON.stringify(s)}`);
  return v;
}

/**
 * One `key value` line, split at the first single space; both parts non-empty; `max` is not special here.
 * Calls `fn(key, value)`.
 */
export function parseKeyValueLine(
  line: string,
  path: string,
): [string, bigint] {
  const sp = line.indexOf(' ');
  if (sp <= 0 || sp === line.length - 1) {
    throw SysfsError.parse(
      path,
      `line ${JSON.stringify(line)} is not in "key value" format`,
    );
  }
  const value = parseUintOrNegative(line.slice(sp + 1));
  if (value === undefined) {
    throw SysfsError.parse(
      path,
      `line ${JSON.stringify(line)}: invalid unsigned value`,
    );
  }
  return [line.slice(0, sp), value];
}

/** Every line of a flat-keyed file (`cpu.stat`, `memory.stat`, `memory.events`). */
export function forEachKeyValue(
  text: string,
  path: string,
  fn: (key: string, value: bigint) => void,
): void {
  forEachLine(text, (line) => {
    const [key, value] = parseKeyValueLine(line, path);
    fn(key, value);
  });
}

/** A flat-keyed file as a Map (keys come from the kernel: a Map, never an object). */
export function parseKeyValueMap(
  text: string,
  path: string,
): Map<string, bigint> {
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
      if (v === undefined)
        throw SysfsError.parse(
          path,
          `key ${key}: invalid unsigned value ${JSON.stringify(raw)}`,
        );
      result = v;
      found = true;
    }
    lineStart = nl + 1;
  }
  return result;
}
