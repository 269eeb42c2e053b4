import { constants, fstatSync, openSync, realpathSync, statfsSync, statSync, type Stats } from 'node:fs';
import { filesystemName, isBelow, pathSyntaxProblem, trimRoot, type ReadArea } from './read-areas.js';
import { SysfsError } from './sysfs-error.js';
import { closeQuietly } from './close-quietly.js';

// O_NONBLOCK: opening a FIFO never waits for a writer. O_NOFOLLOW: the file itself is never a link (its
// directory was resolved when checked). libuv adds O_CLOEXEC.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** Directories remembered before the memo starts over (a fleet's cgroups: a few per container). */
const MAX_DIRS = 65536;

/** A directory that passed the checks: its resolved path and the device its filesystem is. */
interface CheckedDir {
  real: string;
  dev: number;
}

/** What a non-regular file is, for the refusal message. */
function typeOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/**
 * Opens files for a reader only inside its {@link ReadArea}s. The checks run at open time, never per read:
 * a directory is checked once (lexically below an area's root, resolved below the root's resolution, on one
 * of the area's filesystems) and remembered with its device; each open then costs one fstat more, which
 * checks that the file is a regular file on that same device (a mount over a cgroup file would be another).
 */
export class AreaGuard {
  readonly #areas: readonly ReadArea[];
  readonly #realRoots = new Map<string, string>();
  readonly #dirs = new Map<string, CheckedDir>();

  constructor(areas: readonly ReadArea[]) {
    this.#areas = areas.map((a) => ({ root: trimRoot(a.root), filesystems: a.filesystems }));
  }

  /** Opens `path` read-only once it passes the checks; throws a {@link SysfsError} (`permission-denied` when refused). */
  open(path: string): number {
    const slash = path.lastIndexOf('/');
    const dir = this.checkDir(path);
    let fd: number;
    try {
      fd = openSync(`${dir.real}${path.slice(slash)}`, OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw SysfsError.refused(path, 'a symbolic link');
      // ENXIO: a socket (or a FIFO opened for writing).
      if (code === 'ENXIO') throw SysfsError.refused(path, 'not a regular file');
      throw SysfsError.fromSyscall(error, path);
    }
    let problem: string | undefined;
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) problem = `${typeOf(stats)}, not a regular file`;
      else if (stats.dev !== dir.dev) problem = 'on another filesystem than its directory';
    } catch (error) {
      closeQuietly(fd);
      throw SysfsError.fromSyscall(error, path);
    }
    if (problem === undefined) return fd;
    closeQuietly(fd);
    throw SysfsError.refused(path, problem);
  }

  /** The checked directory of file `path` (remembered); throws when it is refused or does not exist. */
  checkDir(path: string): CheckedDir {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    let checked = this.#dirs.get(dir);
    if (checked === undefined) {
      checked = this.#check(path, dir);
      if (this.#dirs.size >= MAX_DIRS) this.#dirs.clear();
      this.#dirs.set(dir, checked);
    }
    return checked;
  }

  #check(path: string, dir: string): CheckedDir {
    const syntax = pathSyntaxProblem(path);
    if (syntax !== undefined) throw SysfsError.refused(path, syntax);
    const area = this.#areas.find((a) => isBelow(dir, a.root));
    if (area === undefined)
      throw SysfsError.refused(path, `outside ${this.#areas.map((a) => a.root).join(', ') || 'every area'}`);
    let real: string;
    let type: number;
    let dev: number;
    try {
      real = realpathSync.native(dir);
      if (!isBelow(real, this.#realRoot(area.root))) throw SysfsError.refused(path, `resolves outside ${area.root}`);
      type = statfsSync(real).type;
      dev = statSync(real).dev;
    } catch (error) {
      throw SysfsError.fromSyscall(error, path);
    }
    if (!area.filesystems.includes(type)) {
      const wanted = area.filesystems.map(filesystemName).join(' or ');
      throw SysfsError.refused(path, `on ${filesystemName(type)}, not ${wanted}`);
    }
    return { real, dev };
  }

  #realRoot(root: string): string {
    let real = this.#realRoots.get(root);
    if (real === undefined) {
      real = realpathSync.native(root);
      this.#realRoots.set(root, real);
    }
    return real;
  }

  /** Forgets the directories under `prefix` (with its trailing slash, and the directory itself), or all. */
  forget(prefix?: string): void {
    if (prefix === undefined) {
      this.#dirs.clear();
      return;
    }
    const self = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
    for (const dir of [...this.#dirs.keys()]) if (dir === self || dir.startsWith(prefix)) this.#dirs.delete(dir);
  }
}
