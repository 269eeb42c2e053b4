import type { AreaGuard } from './area-guard.js';
import { closeQuietly } from './close-quietly.js';
import type { ReaderCounters } from './reader-counters.js';
import { SysfsError } from './sysfs-error.js';

/** Reads an open file into the reader's buffer: the length read; throws when the file is over the cap. */
export type ReadAll = (fd: number, path: string) => number;

/** Open through `guard`, read with `readAll`, close: for files beyond the cap once the table has turned over. */
export function readTransient(guard: AreaGuard, path: string, readAll: ReadAll): number {
  const fd = guard.open(path);
  try {
    return readAll(fd, path);
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
 *
 * A fleet whose files outnumber the cap is read in cycles, and plain LRU then misses on every read (each file
 * is evicted just before its turn). So once as many evictions as the cap have happened without a dropUnder()
 * (the cache has turned over completely), files that are not held are read transiently (open, read, close)
 * instead of evicting: the held share keeps hitting. Owners forget the directories of containers that went
 * away, which frees room and re-enables eviction.
 *
 * A replaced file (its cgroup removed, maybe recreated under the same name) is detected by the error the stale
 * descriptor returns (ENODEV/ESTALE/EBADF), not by an fstat per read, which would double the cost.
 */
export class DescriptorTable {
  readonly fds = new Map<string, number>();
  readonly cap: number;
  /** Opens files only inside the reader's areas (see AreaGuard). */
  readonly guard: AreaGuard;
  generation = 0;
  /** Whether the last {@link read} went through a descriptor that is held (and may be batched). */
  held = false;
  /** LRU evictions since the last {@link dropAll}/{@link dropUnder}; see PseudoFileReader for why it matters. */
  #evictions = 0;

  constructor(cap: number, guard: AreaGuard) {
    this.cap = cap;
    this.guard = guard;
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
    const fd = this.guard.open(path);
    if (this.fds.size >= this.cap) {
      this.drop(this.fds.keys().next().value as string);
      this.#evictions++;
    }
    this.fds.set(path, fd);
    return fd;
  }

  /**
   * Reads `path` with `readAll` through its held descriptor, opened and held first when there is none (or,
   * once the table has turned over, opened, read and closed). A stale descriptor (its cgroup was removed,
   * maybe created again: ENODEV/ESTALE/EBADF) is reopened once; `gone` when the path no longer exists.
   */
  read(path: string, readAll: ReadAll, counters: ReaderCounters): number {
    this.held = false;
    let fd = this.fds.get(path);
    if (fd === undefined) {
      if (this.turnedOver) {
        counters.transient++;
        return readTransient(this.guard, path, readAll);
      }
      fd = this.open(path);
      counters.opens++;
    } else {
      counters.hits++;
      this.hit(path, fd);
    }
    try {
      const length = readAll(fd, path);
      this.held = true;
      return length;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.drop(path);
      if (SysfsError.is(error) || (code !== 'ENODEV' && code !== 'ESTALE' && code !== 'EBADF'))
        throw SysfsError.fromSyscall(error, path);
      return this.#reopenAndRead(path, error, readAll, counters);
    }
  }

  #reopenAndRead(path: string, staleError: unknown, readAll: ReadAll, counters: ReaderCounters): number {
    let fd: number;
    try {
      fd = this.open(path);
      counters.opens++;
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
      return readAll(fd, path);
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

  /** Closes every descriptor under `prefix` (a directory with its trailing slash), or all of them; forgets their directories' checks. */
  dropUnder(prefix?: string): void {
    this.#evictions = 0;
    this.guard.forget(prefix);
    for (const path of [...this.fds.keys()]) if (prefix === undefined || path.startsWith(prefix)) this.drop(path);
  }
}
