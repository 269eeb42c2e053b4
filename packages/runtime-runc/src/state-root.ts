import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Dirent,
} from 'node:fs';
import { join } from 'node:path';
import { KatamonError, validateContainerId } from '@katamon/core';
import { isMissing } from './proc-stat.js';

/** One state directory: `/run/runc` (runc), `/run/crun` (crun), or another `--root`. */
export interface StateRoot {
  path: string;
  /** `runc` or `crun`: the runtime name put on refs. */
  runtime: string;
}

/** The raw state file of one container. */
export interface StateFile {
  file: string;
  dir: string;
  text: string;
  /** runc writes `state.json`, crun writes `status`. */
  format: 'runc' | 'crun';
}

/** State files are a few KiB; a bound keeps a hostile file from exhausting memory. */
const MAX_STATE_BYTES = 16 * 1024 * 1024;
// O_NONBLOCK: a FIFO planted as state.json must not hang the reader; O_NOFOLLOW: no symlinked files.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/*
 * Synchronous calls: state files are a few KiB on a tmpfs, and a round trip through the thread pool costs
 * more than the read (and `fs/promises` is a module a one-shot `katamon events --stats` does not otherwise load).
 */

function readBounded(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return undefined;
    if ((error as { code?: string }).code === 'ELOOP') {
      throw new KatamonError('permission-denied', `refusing symlinked state file ${file}`, { path: file });
    }
    throw new KatamonError('io', `cannot open ${file}: ${(error as Error).message}`, { path: file, cause: error });
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new KatamonError('parse', `state file ${file} is not a regular file`, { path: file });
    if (info.size > MAX_STATE_BYTES) throw new KatamonError('parse', `state file ${file} is too large`, { path: file });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `<root>/<id>/state.json` (or crun's `status`) without leaving the root: the id is validated first,
 * the state directory must be a real directory (not a symlink) whose real path is inside the root's, and the
 * file is opened with O_NOFOLLOW. Undefined when there is no such container.
 */
export async function readStateFile(root: string, id: string): Promise<StateFile | undefined> {
  validateContainerId(id);
  const dir = join(root, id);
  let info;
  try {
    info = lstatSync(dir);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new KatamonError('io', `cannot stat ${dir}: ${(error as Error).message}`, { path: dir, cause: error });
  }
  if (info.isSymbolicLink())
    throw new KatamonError('permission-denied', `refusing symlinked state directory ${dir}`, { path: dir });
  if (!info.isDirectory()) return undefined;
  const realRoot = realpathSync.native(root);
  const realDir = realpathSync.native(dir);
  if (realDir !== join(realRoot, id)) {
    throw new KatamonError('permission-denied', `state directory ${dir} resolves outside ${root}`, { path: dir });
  }
  const runcFile = join(dir, 'state.json');
  const runcText = readBounded(runcFile);
  if (runcText !== undefined) return { file: runcFile, dir, text: runcText, format: 'runc' };
  const crunFile = join(dir, 'status');
  const crunText = readBounded(crunFile);
  if (crunText !== undefined) return { file: crunFile, dir, text: crunText, format: 'crun' };
  return undefined;
}

/** Names in a root that are valid container ids; a missing root holds no containers. */
export async function listStateIds(root: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw new KatamonError('io', `cannot list ${root}: ${(error as Error).message}`, { path: root, cause: error });
  }
  const ids: string[] = [];
  for (const entry of entries) {
    try {
      ids.push(validateContainerId(entry.name));
    } catch {
      // Not a container id (runc never creates one); such entries are not containers.
    }
  }
  return ids.sort();
}
