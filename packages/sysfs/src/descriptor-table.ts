import { closeSync, constants, openSync } from 'node:fs';
import { SysfsError } from './sysfs-error.js';

// libuv adds O_CLOEXEC itself.
const OPEN_FLAGS = constants.O_RDONLY;

/** Opens `path` read-only; a failure is a {@link SysfsError} naming it. */
export function openPseudoFile(path: string): number {
  try {
    return openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw SysfsError.fromSyscall(error, path);
  }
}

/** Closes `fd`, ignoring failure: a descriptor of a removed cgroup can only fail with EBADF/EIO. */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing is left to release
  }
}

/** Open, read with `readAll`, close: for files beyond the cap once the table has turned over. */
export function readTransient(path: string, readAll: (fd: number) => number): number {
  const fd = openPseudoFile(path);
  try {
    return readAll(fd);
  } catch (error) {
    throw SysfsError.fromSyscall(error, path);
  } finally {
    closeQuietly(fd);
  }
}

/**
 * A reader's held descriptors by path: at most `cap`, evicting the least recently read (Map order is the
 * LRU order). `generation` grows whenever a descriptor is closed: a batch plan's numbers may then name
 * another file.
 */
export class DescriptorTable {
  readonly fds = new Map<string, number>();
  readonly cap: number;
  generation = 0;
  /** LRU evictions since the last {@link dropAll}/{@link dropUnder}; see PseudoFileReader for why it matters. */
  #evictions = 0;

  constructor(cap: number) {
    this.cap = cap;
  }

  get size(): number {
    return this.fds.size;
  }

  /**
   * Whether the table is full and has turned over completely (as many evictions as the cap): a file not
   * held is then read transiently instead of evicting one that is.
   */
  get turnedOver(): boolean {
    return this.fds.size >= this.cap && this.#evictions >= this.cap;
  }

  /** A read served by the held `fd` of `path`. */
  hit(path: string, fd: number): void {
    // Move to the most recent end only once the table is 7/8 full: far from the cap no eviction is near,
    // and the re-insert (two lookups in a map of every held path) is a measurable share of a hit in a
    // fleet sweep.
    if (this.fds.size * 8 >= this.cap * 7) {
      this.fds.delete(path);
      this.fds.set(path, fd);
    }
  }

  /** Opens and holds `path`, evicting the least recently read descriptor when full. */
  open(path: string): number {
    const fd = openPseudoFile(path);
    if (this.fds.size >= this.cap) {
      this.drop(this.fds.keys().next().value as string);
      this.#evictions++;
    }
    this.fds.set(path, fd);
    return fd;
  }

  /**
   * Opens `path` again after its descriptor went stale (`staleError`: its cgroup was removed, maybe created
   * again) and reads it with `readAll` (`opened` is told once it is open); `gone` when the path no longer
   * exists.
   */
  reopenAndRead(path: string, staleError: unknown, readAll: (fd: number) => number, opened: () => void): number {
    let fd: number;
    try {
      fd = this.open(path);
      opened();
    } catch (error) {
      // The file existed a moment ago: its cgroup was removed.
      if (SysfsError.isKind(error, 'not-found'))
        throw new SysfsError('gone', `gone: ${path}`, path, {
          cause: staleError,
          errno: 'ENOENT',
        });
      throw error;
    }
    try {
      return readAll(fd);
    } catch (error) {
      this.drop(path);
      throw SysfsError.fromSyscall(error, path);
    }
  }

  drop(path: string): void {
    const fd = this.fds.get(path);
    if (fd === undefined) return;
    this.fds.delete(path);
    this.generation++;
    closeQuietly(fd);
  }

  /** Closes every descriptor under `prefix` (a directory with its trailing slash), or all of them. */
  dropUnder(prefix?: string): void {
    this.#evictions = 0;
    for (const path of [...this.fds.keys()]) if (prefix === undefined || path.startsWith(prefix)) this.drop(path);
  }
}
