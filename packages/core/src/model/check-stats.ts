import { STATS_SHAPE, type Shape, type ShapeObject } from './stats-shape.js';

const U64_MAX = 2n ** 64n - 1n;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
/** Longest string of the model (interface names, map keys, resctrl schemata). */
export const MAX_STATS_STRING = 4096;
/** Most items of one array or Map (per-CPU lists, interfaces, device entries, memory.stat keys). */
export const MAX_STATS_ITEMS = 65536;
/** Longest key or name a problem quotes: a message never echoes a large value. */
const QUOTED = 40;

interface Field {
  key: string;
  shape: Shape;
  optional: boolean;
}
const fieldsCache = new WeakMap<ShapeObject, { fields: Field[]; known: Set<string> }>();

function fieldsOf(shape: ShapeObject): { fields: Field[]; known: Set<string> } {
  let entry = fieldsCache.get(shape);
  if (entry === undefined) {
    const fields = Object.keys(shape).map((raw) => {
      const optional = raw.endsWith('?');
      return { key: optional ? raw.slice(0, -1) : raw, shape: shape[raw] as Shape, optional };
    });
    entry = { fields, known: new Set(fields.map((f) => f.key)) };
    fieldsCache.set(shape, entry);
  }
  return entry;
}

/**
 * Everything wrong with a (partial) Stats value, as `path: problem` lines (at most `limit`); empty when it
 * is valid. Every section is optional; a present one must be complete: bigint counters in range, finite
 * numbers, strings, Maps and arrays where the model has them (bounded in size), plain objects without
 * fields the model does not know. Problems name the field and never quote a value.
 */
export function checkStats(stats: unknown, limit = Number.POSITIVE_INFINITY): string[] {
  const problems: string[] = [];
  if (!isPlainObject(stats)) return ['stats: not an object'];
  const { known } = fieldsOf(STATS_SHAPE);
  for (const key of Object.keys(stats)) {
    if (problems.length >= limit) break;
    const value = stats[key];
    if (!known.has(key)) problems.push(`stats.${quote(key)}: not a section of the model`);
    else if (value !== undefined) check(value, STATS_SHAPE[key] as Shape, `stats.${key}`, problems, limit);
  }
  return problems.slice(0, limit);
}

function check(value: unknown, shape: Shape, at: string, problems: string[], limit: number): void {
  if (problems.length >= limit) return;
  const fail = (what: string): void => void problems.push(`${at}: ${what}`);
  if (typeof shape === 'string') {
    const problem = checkScalar(value, shape);
    if (problem !== undefined) fail(problem);
    return;
  }
  if (isTuple(shape)) {
    if (!Array.isArray(value)) return fail('expected an array');
    if (value.length > MAX_STATS_ITEMS) return fail(`more than ${MAX_STATS_ITEMS} items`);
    // An index loop, not forEach: a hole is a missing item, not a skipped one.
    for (let i = 0; i < value.length; i++) check(value[i], shape[0], `${at}[${i}]`, problems, limit);
    return;
  }
  // No field of the model is called `map` or `oneOf`, so these keys mark the special shapes.
  if ('map' in shape) {
    if (!(value instanceof Map)) return fail('expected a Map (keys come from the kernel)');
    if (value.size > MAX_STATS_ITEMS) return fail(`more than ${MAX_STATS_ITEMS} entries`);
    for (const [k, v] of value) {
      if (typeof k !== 'string') fail(`a map key is a ${typeof k}, not a string`);
      else if (k.length > MAX_STATS_STRING) fail(`a map key is longer than ${MAX_STATS_STRING} characters`);
      else check(v, shape.map as Shape, `${at}.get(${JSON.stringify(quote(k))})`, problems, limit);
      if (problems.length >= limit) return;
    }
    return;
  }
  if ('oneOf' in shape) {
    const allowed = shape.oneOf as readonly string[];
    if (typeof value !== 'string' || !allowed.includes(value)) fail(`expected one of ${allowed.join(', ')}`);
    return;
  }
  if (!isPlainObject(value)) return fail('expected an object');
  const { fields, known } = fieldsOf(shape as ShapeObject);
  for (const key of Object.keys(value)) if (!known.has(key)) fail(`unknown field "${quote(key)}"`);
  for (const field of fields) {
    const v = value[field.key];
    if (v === undefined) {
      if (!field.optional) problems.push(`${at}.${field.key}: missing`);
      continue;
    }
    check(v, field.shape, `${at}.${field.key}`, problems, limit);
  }
}

function checkScalar(
  value: unknown,
  shape: 'counter' | 'int64' | 'number' | 'u16' | 'string' | 'boolean',
): string | undefined {
  switch (shape) {
    case 'counter':
    case 'int64': {
      if (typeof value !== 'bigint') return `expected a bigint, got ${kindOf(value)}`;
      const [min, max] = shape === 'counter' ? [0n, U64_MAX] : [I64_MIN, I64_MAX];
      if (value < min) return `out of range (below ${shape === 'counter' ? '0' : '-2^63'})`;
      if (value > max) return `out of range (above ${shape === 'counter' ? '2^64-1' : '2^63-1'})`;
      return undefined;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a finite number';
    case 'u16':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffff
        ? undefined
        : 'expected an integer in 0..65535';
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${kindOf(value)}`;
      return value.length > MAX_STATS_STRING ? `longer than ${MAX_STATS_STRING} characters` : undefined;
    default:
      return typeof value === 'boolean' ? undefined : 'expected a boolean';
  }
}

function isTuple(shape: Shape): shape is readonly [Shape] {
  return Array.isArray(shape);
}

/** A plain data object: what a literal, JSON or a structured clone makes (not an array, Map, Date, …). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function quote(key: string): string {
  return key.length > QUOTED ? `${key.slice(0, QUOTED)}…` : key;
}
