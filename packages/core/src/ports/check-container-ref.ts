import { MAX_CONTAINER_ID_LENGTH } from '../ids/validate-container-id.js';
import type { CgroupPaths, ContainerRef, ContainerStatus, KataSandboxRef } from './container-ref.js';

const STATUSES: readonly ContainerStatus[] = ['created', 'running', 'paused', 'stopped', 'unknown'];
const ID = /^[A-Za-z0-9_+.-]+$/;
/** Linux's PID_MAX_LIMIT (2^22). */
const MAX_PID = 4_194_304;
const MAX_PATH = 4096;
const MAX_NAME = 256;
const MAX_LABELS = 256;
const MAX_LABEL_VALUE = 4096;
const MAX_CONTROLLERS = 64;

/** A ref made from checked fields only, or what is wrong with the value (a path and a problem). */
export type CheckedRef = { ok: true; ref: ContainerRef } | { ok: false; problem: string };

class Invalid extends Error {}

/**
 * Checks a ContainerRef that comes from outside the process's own code (a plugin's resolver) and copies the
 * fields the model knows into a fresh object: ids as runc allows them, a known status, a pid in Linux's range,
 * absolute clean paths (no `..`, no NUL), bounded strings and label sets. `resolver` must name the resolver
 * that answered, since refresh goes back to it. Fields the model does not know are left out.
 */
export function checkContainerRef(value: unknown, resolver: string, at = 'ref'): CheckedRef {
  try {
    return { ok: true, ref: copyRef(value, resolver, at) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, problem: error.message };
    throw error;
  }
}

function copyRef(value: unknown, resolver: string, at: string): ContainerRef {
  const v = object(value, at);
  if (v['resolver'] !== resolver) throw new Invalid(`${at}.resolver: expected "${quote(resolver)}"`);
  const status = v['status'];
  if (!STATUSES.includes(status as ContainerStatus)) throw new Invalid(`${at}.status: expected one of ${STATUSES}`);
  const ref: ContainerRef = {
    id: id(v['id'], `${at}.id`),
    runtime: name(v['runtime'], `${at}.runtime`),
    resolver,
    status: status as ContainerStatus,
  };
  if (v['pid'] !== undefined) ref.pid = pid(v['pid'], `${at}.pid`);
  if (v['created'] !== undefined) ref.created = created(v['created'], `${at}.created`);
  if (v['cgroup'] !== undefined) ref.cgroup = cgroup(v['cgroup'], `${at}.cgroup`);
  if (v['netnsPath'] !== undefined) ref.netnsPath = path(v['netnsPath'], `${at}.netnsPath`);
  if (v['sandbox'] !== undefined) ref.sandbox = sandbox(v['sandbox'], `${at}.sandbox`);
  if (v['labels'] !== undefined) ref.labels = labels(v['labels'], `${at}.labels`);
  return ref;
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Invalid(`${at}: not an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, at: string, max: number): string {
  if (typeof value !== 'string') throw new Invalid(`${at}: not a string`);
  if (value.length > max) throw new Invalid(`${at}: longer than ${max} characters`);
  return value;
}

function id(value: unknown, at: string): string {
  const text = string(value, at, MAX_CONTAINER_ID_LENGTH);
  if (!ID.test(text) || text === '.' || text === '..') throw new Invalid(`${at}: not a valid container id`);
  return text;
}

function name(value: unknown, at: string): string {
  const text = string(value, at, MAX_NAME);
  if (text === '') throw new Invalid(`${at}: empty`);
  return text;
}

function pid(value: unknown, at: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_PID)
    throw new Invalid(`${at}: not a pid (an integer in 1..${MAX_PID})`);
  return value as number;
}

function created(value: unknown, at: string): string {
  const text = string(value, at, 64);
  if (!Number.isFinite(Date.parse(text))) throw new Invalid(`${at}: not a date`);
  return text;
}

/** Absolute, without `.`/`..` components or NUL: a resolver's paths are opened by other sources. */
function path(value: unknown, at: string): string {
  const text = string(value, at, MAX_PATH);
  if (!text.startsWith('/') || text.includes('\0')) throw new Invalid(`${at}: not an absolute path`);
  if (text.split('/').some((part) => part === '.' || part === '..'))
    throw new Invalid(`${at}: has a "." or ".." component`);
  return text;
}

function cgroup(value: unknown, at: string): CgroupPaths {
  const v = object(value, at);
  if (v['version'] === 2) return { version: 2, path: path(v['path'], `${at}.path`) };
  if (v['version'] !== 1) throw new Invalid(`${at}.version: expected 1 or 2`);
  const paths = object(v['paths'], `${at}.paths`);
  const keys = Object.keys(paths);
  if (keys.length > MAX_CONTROLLERS) throw new Invalid(`${at}.paths: more than ${MAX_CONTROLLERS} controllers`);
  const copy: Record<string, string> = {};
  for (const key of keys) put(copy, name(key, `${at}.paths key`), path(paths[key], `${at}.paths.${quote(key)}`));
  return { version: 1, paths: copy };
}

function sandbox(value: unknown, at: string): KataSandboxRef {
  const v = object(value, at);
  const copy: KataSandboxRef = { id: id(v['id'], `${at}.id`) };
  if (v['agentUrl'] !== undefined) copy.agentUrl = string(v['agentUrl'], `${at}.agentUrl`, MAX_PATH);
  if (v['netnsPath'] !== undefined) copy.netnsPath = path(v['netnsPath'], `${at}.netnsPath`);
  if (v['stateDir'] !== undefined) copy.stateDir = path(v['stateDir'], `${at}.stateDir`);
  return copy;
}

function labels(value: unknown, at: string): Record<string, string> {
  const v = object(value, at);
  const keys = Object.keys(v);
  if (keys.length > MAX_LABELS) throw new Invalid(`${at}: more than ${MAX_LABELS} labels`);
  const copy: Record<string, string> = {};
  for (const key of keys) put(copy, name(key, `${at} key`), string(v[key], `${at}.${quote(key)}`, MAX_LABEL_VALUE));
  return copy;
}

/** A data property even for the key `__proto__`: the copy's prototype never changes. */
function put(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function quote(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
