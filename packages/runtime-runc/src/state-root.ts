import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { KatamonError, validateContainerId } from '@katamon/core';
import { readBoundedFile } from '@katamon/sysfs';
import type { EngineProfile } from './engines/engine-profile.js';
import { isMissing } from './proc-stat.js';

/** One state directory: `/run/runc` (runc), `/run/crun` (crun), containerd's per namespace, or another `--root`. */
export interface StateRoot {
  path: string;
  /** `runc` or `crun`: the runtime named on refs (a crun `status` file names crun wherever it is). */
  runtime: string;
  /** The engine namespace all its containers share (containerd's `k8s.io`, `default`, …). */
  namespace?: string;
  /**
   * The engines that may own containers here, asked in order; the first that claims a container identifies it.
   * Absent: plain runc/crun (per the runtime).
   */
  engines?: readonly EngineProfile[];
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

function readBounded(file: string): string | undefined {
  return readBoundedFile(file, { maxBytes: MAX_STATE_BYTES, what: 'state file' });
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
    // No exception for the usual answer: most roots asked for an id do not hold it, and an exception's stack
    // is young garbage enough to cost a one-shot `events --stats` a collection.
    info = lstatSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new KatamonError('io', `cannot stat ${dir}: ${(error as Error).message}`, { path: dir, cause: error });
  }
  if (info === undefined) return undefined;
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
