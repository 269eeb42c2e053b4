import { readSync } from 'node:fs';
import { SysfsError } from './sysfs-error.js';

/** Initial size of the shared buffer by default. */
const DEFAULT_INITIAL_BYTES = 16 * 1024;

/** Largest file a reader reads by default: cgroup and proc files are a few KiB (a 1,000-device blkio file ≈ 150 KiB). */
export const DEFAULT_MAX_FILE_BYTES = 1 << 20;

/**
 * The two buffers of a reader, both bounded: `shared`, which every plain read fills from offset 0, and
 * `batch`, which the native batch fills. Each grows (doubling) when a read fills it, but never past what the
 * cap needs: a file longer than `maxFileBytes` is an error of that file, and the buffers every other file is
 * read into stay as they were (a file that never ends, /dev/zero, could otherwise grow a buffer shared by
 * every container until allocations fail).
 */
export class ReadBuffers {
  shared: Buffer;
  #batch: Buffer | undefined;
  #grow = false;
  readonly maxFileBytes: number;

  constructor(initialBytes = DEFAULT_INITIAL_BYTES, maxFileBytes = DEFAULT_MAX_FILE_BYTES) {
    this.maxFileBytes = Math.max(1, maxFileBytes);
    this.shared = Buffer.allocUnsafe(Math.min(Math.max(64, initialBytes), this.maxFileBytes + 1));
  }

  /**
   * One pread of `fd` at offset 0 into {@link shared} (from 0): the length read. A full buffer may mean
   * truncation: it grows and the file is read again, up to `maxFileBytes + 1` bytes; past that the file is
   * too large.
   */
  readAll(fd: number, path: string): number {
    for (;;) {
      const buffer = this.shared;
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      if (n < buffer.length) return n;
      if (buffer.length > this.maxFileBytes) throw SysfsError.tooLarge(path, this.maxFileBytes);
      this.shared = Buffer.allocUnsafe(Math.min(buffer.length * 2, this.maxFileBytes + 1));
    }
  }

  /** The batch buffer a batch's bytes are in (the one {@link startBatch} gave). */
  get batch(): Buffer {
    return (this.#batch ??= Buffer.allocUnsafe(this.shared.length * 4));
  }

  /** The buffer for a new batch: four times the shared buffer at first, grown if the last batch asked. */
  startBatch(): Buffer {
    const batch = this.batch;
    if (!this.#grow) return batch;
    this.#grow = false;
    return (this.#batch = Buffer.allocUnsafe(batch.length * 2));
  }

  /**
   * A batch file filled the rest of the batch buffer: twice as much from the next batch on (not now: the
   * batch's other files are still in this one), up to four capped files.
   */
  growBatch(): void {
    if (this.batch.length < 4 * (this.maxFileBytes + 1)) this.#grow = true;
  }
}
