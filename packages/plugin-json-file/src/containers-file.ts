import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { KatamonError, jsonSyntaxProblem, validateContainerId, type CgroupPaths } from '@katamon/core';

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

/** A cgroup directory: absolute, no `.`/`..` segment, and below the host's cgroup root. */
function cgroupDir(file: string, where: string, value: unknown, cgroupRoot: string): string {
  const dir = absolute(file, where, value);
  const root = cgroupRoot.replace(/\/+$/, '');
  if (dir.split('/').includes('.') || (dir !== root && !dir.startsWith(`${root}/`)))
    fail(file, `${where} must be below ${root || '/'}`);
  return dir;
}

function parseCgroup(file: string, where: string, value: unknown, cgroupRoot: string): CgroupPaths | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { version: 2, path: cgroupDir(file, where, value, cgroupRoot) };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(file, `${where} must be a path or a map`);
  const paths: Record<string, string> = {};
  for (const [controller, dir] of Object.entries(value)) {
    if (!/^[a-z_=]+$/.test(controller)) fail(file, `${where}: bad controller name ${JSON.stringify(controller)}`);
    paths[controller] = cgroupDir(file, `${where}.${controller}`, dir, cgroupRoot);
  }
  return { version: 1, paths };
}

function parseEntry(file: string, index: number, raw: unknown, cgroupRoot: string): ContainerEntry {
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
    ...(entry.cgroup !== undefined ? { cgroup: parseCgroup(file, `${where}.cgroup`, entry.cgroup, cgroupRoot) } : {}),
    ...(entry.netns !== undefined ? { netns: absolute(file, `${where}.netns`, entry.netns) } : {}),
  };
}

/**
 * The file's text, read without trusting it: opened O_NONBLOCK (a FIFO answers at once instead of hanging the
 * process), refused unless it is a regular file, and read up to the cap whatever it grows to meanwhile.
 */
async function readText(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) fail(file, 'not a regular file');
    if (info.size > MAX_FILE_BYTES) fail(file, `larger than ${MAX_FILE_BYTES} bytes`);
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(info.size + 1), 0, info.size + 1, 0);
    if (bytesRead > info.size) fail(file, 'changed while read');
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads and validates `{ "containers": [ … ] }`. The file is untrusted input: every field is checked, cgroup
 * directories must be below `cgroupRoot`, and no error quotes the file's content.
 */
export async function readContainersFile(file: string, cgroupRoot = '/sys/fs/cgroup'): Promise<ContainerEntry[]> {
  let text: string;
  try {
    text = await readText(file);
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
    fail(file, jsonSyntaxProblem(error));
  }
  const list = (doc as { containers?: unknown } | null)?.containers;
  if (!Array.isArray(list)) fail(file, 'expected {"containers": [...]}');
  const entries = list.map((raw, i) => parseEntry(file, i, raw, cgroupRoot));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) fail(file, `duplicate id ${e.id}`);
    seen.add(e.id);
  }
  return entries;
}
