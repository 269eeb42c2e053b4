import { readFile } from 'node:fs/promises';
import { KatamonError, validateContainerId, type CgroupPaths } from '@katamon/core';

/** One container as the JSON file describes it. */
export interface ContainerEntry {
  id: string;
  /** Host pid of the main process. */
  pid?: number;
  /** cgroup v2 directory (string) or v1 map controller → directory. */
  cgroup?: CgroupPaths;
  /** Network namespace path; defaults to the process's own when `pid` is set. */
  netns?: string;
  /** Free-form runtime name shown by `katamon list` (podman, lxc, systemd, …). */
  runtime: string;
}

/** Largest file we read: a description of containers, not a data dump. */
const MAX_FILE_BYTES = 4 << 20;

function fail(file: string, message: string): never {
  throw new KatamonError('parse', `${file}: ${message}`, { path: file });
}

function absolute(file: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.includes('\0') || value.split('/').includes('..')) {
    fail(file, `${where} must be an absolute path without '..'`);
  }
  return value;
}

function parseCgroup(file: string, where: string, value: unknown): CgroupPaths | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { version: 2, path: absolute(file, where, value) };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(file, `${where} must be a path or a map`);
  const paths: Record<string, string> = {};
  for (const [controller, dir] of Object.entries(value)) {
    if (!/^[a-z_=]+$/.test(controller)) fail(file, `${where}: bad controller name ${JSON.stringify(controller)}`);
    paths[controller] = absolute(file, `${where}.${controller}`, dir);
  }
  return { version: 1, paths };
}

function parseEntry(file: string, index: number, raw: unknown): ContainerEntry {
  const where = `containers[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, `${where} must be an object`);
  const entry = raw as Record<string, unknown>;
  if (typeof entry.id !== 'string') fail(file, `${where}.id must be a string`);
  try {
    validateContainerId(entry.id);
  } catch (error) {
    fail(file, `${where}.id: ${(error as Error).message}`);
  }
  const pid = entry.pid;
  if (pid !== undefined && !(Number.isSafeInteger(pid) && (pid as number) > 0))
    fail(file, `${where}.pid must be a positive integer`);
  const runtime = entry.runtime ?? 'json-file';
  if (typeof runtime !== 'string' || runtime.length > 64) fail(file, `${where}.runtime must be a short string`);
  return {
    id: entry.id,
    runtime,
    ...(pid !== undefined ? { pid: pid as number } : {}),
    ...(entry.cgroup !== undefined ? { cgroup: parseCgroup(file, `${where}.cgroup`, entry.cgroup) } : {}),
    ...(entry.netns !== undefined ? { netns: absolute(file, `${where}.netns`, entry.netns) } : {}),
  };
}

/** Reads and validates `{ "containers": [ … ] }`. The file is untrusted input: every field is checked. */
export async function readContainersFile(file: string): Promise<ContainerEntry[]> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.length > MAX_FILE_BYTES) fail(file, `larger than ${MAX_FILE_BYTES} bytes`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (KatamonError.is(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new KatamonError(code === 'ENOENT' ? 'not-found' : 'io', `${file}: ${(error as Error).message}`, {
      path: file,
      cause: error,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    fail(file, `not JSON: ${(error as Error).message}`);
  }
  const list = (doc as { containers?: unknown } | null)?.containers;
  if (!Array.isArray(list)) fail(file, 'expected {"containers": [...]}');
  const entries = list.map((raw, i) => parseEntry(file, i, raw));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) fail(file, `duplicate id ${e.id}`);
    seen.add(e.id);
  }
  return entries;
}
