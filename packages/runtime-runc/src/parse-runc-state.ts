import { KatamonError, jsonSyntaxProblem } from '@katamon/core';
import type { RuncState } from './runc-state.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses JSON text from a state file; a truncated or corrupt file is a `parse` error naming the file. */
export function parseJsonObject(text: string, file: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    // The parser's own message quotes the text: what is wrong is said without it.
    throw new KatamonError('parse', `corrupt state file ${file}: ${jsonSyntaxProblem(cause)}`, { path: file });
  }
  if (!isObject(value))
    throw new KatamonError('parse', `corrupt state file ${file}: not a JSON object`, { path: file });
  return value;
}

function field<T>(obj: Json, key: string, check: (v: unknown) => v is T, file: string): T | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!check(v))
    throw new KatamonError('parse', `corrupt state file ${file}: "${key}" has the wrong type`, { path: file });
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function stringMap(obj: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!obj) return out;
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The `bundle=<dir>` label runc stores in `config.labels`. */
function bundleOf(config: Json | undefined): string | undefined {
  const labels = config?.['labels'];
  if (!Array.isArray(labels)) return undefined;
  for (const label of labels) if (typeof label === 'string' && label.startsWith('bundle=')) return label.slice(7);
  return undefined;
}

/** runc's `<root>/<id>/state.json` (libcontainer's saved State). */
export function parseRuncState(text: string, file: string): RuncState {
  const obj = parseJsonObject(text, file);
  const id = field(obj, 'id', isString, file);
  if (id === undefined) throw new KatamonError('parse', `corrupt state file ${file}: no "id"`, { path: file });
  const config = field(obj, 'config', isObject, file);
  const namespaces = stringMap(field(obj, 'namespace_paths', isObject, file));
  const state: RuncState = {
    id,
    pid: field(obj, 'init_process_pid', isCount, file) ?? 0,
    startTime: BigInt(field(obj, 'init_process_start', isCount, file) ?? 0),
    cgroupPaths: stringMap(field(obj, 'cgroup_paths', isObject, file)),
  };
  const created = field(obj, 'created', isString, file);
  if (created !== undefined) state.created = created;
  const bundle = bundleOf(config);
  if (bundle !== undefined) state.bundle = bundle;
  const labels = config?.['labels'];
  if (Array.isArray(labels)) state.labels = labels.filter(isString);
  if (namespaces['NEWNET']) state.netnsPath = namespaces['NEWNET'];
  return state;
}

/** crun's `<root>/<id>/status`: pid, process start time, cgroup path relative to the cgroup mount. */
export function parseCrunStatus(text: string, file: string, id: string): RuncState {
  const obj = parseJsonObject(text, file);
  const pid = field(obj, 'pid', isCount, file) ?? 0;
  const state: RuncState = {
    id,
    pid,
    startTime: BigInt(field(obj, 'process-start-time', isCount, file) ?? 0),
    cgroupPaths: {},
  };
  const cgroup = field(obj, 'cgroup-path', isString, file);
  if (cgroup !== undefined && cgroup !== '') state.cgroupRelative = cgroup;
  const created = field(obj, 'created', isString, file);
  if (created !== undefined) state.created = created;
  const bundle = field(obj, 'bundle', isString, file);
  if (bundle !== undefined) state.bundle = bundle;
  // crun keeps no namespace paths; the init process's own link names the namespace while it runs.
  if (pid > 0) state.netnsPath = `/proc/${pid}/ns/net`;
  return state;
}
