import { closeSync, openSync, readSync, constants } from 'node:fs';
import { SysfsError } from './sysfs-error.js';

/** Monotonic milliseconds: the global `performance` would load perf_hooks (≈ 10 internal modules) at start-up. */
const monotonicMs = (): number => process.uptime() * 1000;

export interface PseudoFileReaderOptions {
  /** Open descriptors kept at most; the least recently read is closed first. */
  maxOpenFiles?: number;
  /** Initial size of the shared read buffer; it doubles whenever a read fills it. */
  initialBufferSize?: number;
  /**
   * How long `tryRead` remembers that a file does not exist, ms (default 10 s; 0 disables). Optional kernel
   * files that are absent stay absent (a v1 cgroup's file set is fixed at creation; v2 adds files when a
   * controller is enabled, hence a time bound rather than forever), and a failed open costs an exception.
   */
  missingTtlMs?: number;
}

// Buffer#latin1Slice is what toString('latin1', …) ends in, without the encoding lookup and argument checks
// (a measurable share of a read of a short cgroup file); toString stays the fallback.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string }).latin1Slice;
const latin1: (buffer: Buffer, n: number) => string =
  typeof latin1Slice === 'function'
    ? (buffer, n) => latin1Slice.call(buffer, 0, n)
    : (buffer, n) => buffer.toString('latin1', 0, n);

const DEFAULT_MAX_OPEN = 4096;
const DEFAULT_BUFFER = 16 * 1024;
const DEFAULT_MISSING_TTL_MS = 10_000;
// libuv adds O_CLOEXEC itself.
const OPEN_FLAGS = constants.O_RDONLY;

/**
 * Reads kernel pseudo-files the cheap way: each file is opened once and re-read with one positional read
 * at offset 0 (the kernel regenerates the content) into a buffer shared by every file.
 *
 * Synchronous on purpose: a cgroupfs read never waits on a device, and a sync `pread` costs about a fifth
 * of a `FileHandle.read` (no thread-pool hop, no promise); see tools/bench.
 *
 * A replaced file (the cgroup was removed, maybe recreated under the same name) is detected by the error the
 * stale descriptor returns (ENODEV/ESTALE/EBADF), not by an fstat per read, which would double the cost:
 * the descriptor is reopened once; if the path no longer exists the read fails with kind `gone`.
 *
 * The descriptor cap: up to `maxOpenFiles` descriptors, evicting the least recently read. A fleet whose files
 * outnumber the cap is read in cycles, and plain LRU then misses on every read (each file is evicted just
 * before its turn). So once as many evictions as the cap have happened without a forget() (the cache has
 * turned over completely), files that are not cached are read transiently (open, read, close) instead of
 * evicting: the cached share keeps hitting. Owners forget() the directories of containers that went away,
 * which frees room and re-enables eviction.
 */
export class PseudoFileReader {
  readonly #fds = new Map<string, number>();
  readonly #maxOpen: number;
  readonly #missing = new Map<string, number>();
  readonly #missingTtl: number;
  #buffer: Buffer;
  /** LRU evictions since the last forget(); see {@link read} for why they are bounded. */
  #evictions = 0;

  constructor(options: PseudoFileReaderOptions = {}) {
    this.#maxOpen = Math.max(1, options.maxOpenFiles ?? DEFAULT_MAX_OPEN);
    this.#missingTtl = options.missingTtlMs ?? DEFAULT_MISSING_TTL_MS;
    this.#buffer = Buffer.allocUnsafe(
      Math.max(64, options.initialBufferSize ?? DEFAULT_BUFFER),
    );
  }

  /** Reads served by a cached descriptor, descriptors opened, transient (open-read-close) reads. */
  readonly counters = { hits: 0, opens: 0, transient: 0 };

  /** Number of descriptors currently held. */
  get openFiles(): number {
    return this.#fds.size;
  }

  /** The file's whole content (latin1: kernel files are ASCII). Throws {@link SysfsError}. */
  read(path: string): string {
    let fd = this.#fds.get(path);
    if (fd === undefined) {
      if (this.#fds.size >= this.#maxOpen && this.#evictions >= this.#maxOpen)
        return this.#readTransient(path);
      fd = this.#open(path);
    } else {
      this.counters.hits++;
      // Map order is the LRU order: move to the most recent end. Only once the cache is half full: far from
      // the cap no eviction is near, and the re-insert is a measurable share of a hit.
      if (this.#fds.size * 2 >= this.#maxOpen) {
        this.#fds.delete(path);
        this.#fds.set(path, fd);
      }
    }
    try {
      return this.#readAll(fd);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.#drop(path);
      if (code !== 'ENODEV' && code !== 'ESTALE' && code !== 'EBADF')
        throw SysfsError.fromSyscall(error, path);
      return this.#reopenAndRead(path, error);
    }
  }

  /** Like {@link read}, but a file that does not exist yields `undefined` (optional kernel files). */
  tryRead(path: string): string | undefined {
    if (this.#missingTtl > 0) {
      const until = this.#missing.get(path);
      if (until !== undefined) {
        if (monotonicMs() < until) return undefined;
        this.#missing.delete(path);
      }
    }
    try {
      return this.read(path);
    } catch (error) {
      if (!SysfsError.isKind(error, 'not-found')) throw error;
      if (this.#missingTtl > 0 && this.#missing.size < this.#maxOpen) {
        this.#missing.set(path, monotonicMs() + this.#missingTtl);
      }
      return undefined;
    }
  }

  /** Closes every descriptor under `dir` (a cgroup that went away), or all of them. */
  forget(dir?: string): void {
    this.#evictions = 0;
    if (dir === undefined) {
      for (const path of [...this.#fds.keys()]) this.#drop(path);
      this.#missing.clear();
      return;
    }
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    for (const path of [...this.#fds.keys()])
      if (path.startsWith(prefix)) this.#drop(path);
    for (const path of [...this.#missing.keys()])
      if (path.startsWith(prefix)) this.#missing.delete(path);
  }

  close(): void {
    this.forget();
  }

  /** Open, read, close: for files beyond the cap once the cache has turned over (see the class comment). */
  #readTransient(path: string): string {
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch (error) {
      throw SysfsError.fromSyscall(error, path);
    }
    this.counters.transient++;
    try {
      return this.#readAll(fd);
    } catch (error) {
      throw SysfsError.fromSyscall(error, path);
    } finally {
      closeSync(fd);
    }
  }

  #reopenAndRead(path: string, staleError: unknown): string {
    let fd: number;
    try {
      fd = this.#open(path);
    } catch (error) {
      // The file existed a moment ago: its cgroup was removed.
      if (SysfsError.isKind(error, 'not-found')) {
        throw new SysfsError('gone', `gone: ${path}`, path, {
          cause: staleError,
          errno: 'ENOENT',
        });
      }
      throw error;
    }
    try {
      return this.#readAll(fd);
    } catch (error) {
      this.#drop(path);
      throw SysfsError.fromSyscall(error, path);
    }
  }

  #open(path: string): number {
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch (error) {
      throw SysfsError.fromSyscall(error, path);
    }
    this.counters.opens++;
    if (this.#fds.size >= this.#maxOpen) {
      const oldest = this.#fds.keys().next().value as string;
      this.#drop(oldest);
      this.#evictions++;
    }
    this.#fds.set(path, fd);
    return fd;
  }

  #readAll(fd: number): string {
    for (;;) {
      const buffer = this.#buffer;
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      // A full buffer may mean truncation: grow and read again from offset 0.
      if (n < buffer.length) return latin1(buffer, n);
      this.#buffer = Buffer.allocUnsafe(buffer.length * 2);
    }
  }

  #drop(path: string): void {
    const fd = this.#fds.get(path);
    if (fd === undefined) return;
    this.#fds.delete(path);
    try {
      closeSync(fd);
    } catch {
      // Closing a descriptor of a removed cgroup can only fail with EBADF/EIO; nothing is left to release.
    }
  }
}
