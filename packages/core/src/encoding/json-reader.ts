import { KatamonError } from '../errors/katamon-error.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import { MAX_INT64, MAX_UINT64, MIN_INT64 } from './go-number.js';

/*
 * Typed reads from a parsed JSON tree, with Go's decoding leniency: a missing key or `null` leaves the zero
 * value, unknown keys are ignored. A value of the wrong type or out of range is an error naming its path.
 */

function kindOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'object';
  if (typeof v === 'bigint') return 'integer ' + v;
  if (typeof v === 'number') return 'number ' + v;
  if (typeof v === 'string') return 'string';
  return 'boolean';
}

export function typeError(path: string, expected: string, v: JsonValue): KatamonError {
  return new KatamonError('parse', `cannot decode ${kindOf(v)} as ${expected} at ${path}`);
}

export function asObject(v: JsonValue, path: string): JsonObject {
  if (v instanceof Map) return v;
  throw typeError(path, 'object', v);
}

/** The object at `key`, or undefined when the key is missing or null. */
export function optObject(o: JsonObject, key: string, path: string): JsonObject | undefined {
  const v = o.get(key);
  return v === undefined || v === null ? undefined : asObject(v, path + '.' + key);
}

/** The object at `key`, or an empty one (Go leaves a struct value zero). */
export function objectAt(o: JsonObject, key: string, path: string): JsonObject {
  return optObject(o, key, path) ?? new Map();
}

export function toU64(v: JsonValue, path: string): bigint {
  if (typeof v === 'bigint' && v >= 0n && v <= MAX_UINT64) return v;
  throw typeError(path, 'uint64', v);
}

export function u64At(o: JsonObject, key: string, path: string): bigint {
  const v = o.get(key);
  return v === undefined || v === null ? 0n : toU64(v, path + '.' + key);
}

export function i64At(o: JsonObject, key: string, path: string): bigint {
  const v = o.get(key);
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'bigint' && v >= MIN_INT64 && v <= MAX_INT64) return v;
  throw typeError(path + '.' + key, 'int64', v);
}

export function f64At(o: JsonObject, key: string, path: string): number {
  const v = o.get(key);
  if (v === undefined || v === null) return 0;
  // Go refuses a literal outside float64 (e.g. 1e400) rather than reading it as an infinity.
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
  if (Number.isFinite(n)) return n;
  throw typeError(path + '.' + key, 'float64', v);
}

export function stringAt(o: JsonObject, key: string, path: string): string {
  const v = o.get(key);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw typeError(path + '.' + key, 'string', v);
}

export function optStringAt(o: JsonObject, key: string, path: string): string | undefined {
  return o.get(key) === undefined || o.get(key) === null ? undefined : stringAt(o, key, path);
}

export function boolAt(o: JsonObject, key: string, path: string): boolean | undefined {
  const v = o.get(key);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  throw typeError(path + '.' + key, 'boolean', v);
}

/** The list at `key` mapped element-wise; `undefined` when missing or null (a nil slice). */
export function optListAt<T>(
  o: JsonObject,
  key: string,
  path: string,
  item: (v: JsonValue, path: string) => T,
): T[] | undefined {
  const v = o.get(key);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw typeError(path + '.' + key, 'array', v);
  return v.map((e, i) => item(e, `${path}.${key}[${i}]`));
}

export function listAt<T>(o: JsonObject, key: string, path: string, item: (v: JsonValue, path: string) => T): T[] {
  return optListAt(o, key, path, item) ?? [];
}

export function u16Item(v: JsonValue, path: string): number {
  if (typeof v === 'bigint' && v >= 0n && v <= 0xffffn) return Number(v);
  throw typeError(path, 'uint16', v);
}

/** A JSON object read as a Go map, values mapped; keys keep the text's order. */
export function mapAt<T>(
  o: JsonObject,
  key: string,
  path: string,
  item: (v: JsonValue, path: string) => T,
): Map<string, T> {
  const m = new Map<string, T>();
  const obj = optObject(o, key, path);
  if (obj !== undefined) for (const [k, v] of obj) m.set(k, item(v, `${path}.${key}[${JSON.stringify(k)}]`));
  return m;
}
