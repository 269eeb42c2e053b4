import { constants, fstatSync, openSync, readSync } from 'node:fs';
import { closeQuietly } from './close-quietly.js';
import { SysfsError } from './sysfs-error.js';

export interface ReadRegularFileOptions {
  /** Largest content accepted, bytes: a longer file fails with kind `io` (EFBIG) after reading at most one byte more. */
  maxBytes: number;
  /** Refuse a symbolic link as the file itself (O_NOFOLLOW). Default false: a config file may be a link. */
  noFollow?: boolean;
}

/** First read size: config and state files are a few KiB. */
const FIRST_CHUNK = 16 * 1024;

/**
 * The whole content of a small regular file that someone else controls (a config file, a containers
 * file, a cgroup's `freezer.state`): opened O_NONBLOCK, so a FIFO never hangs the process; refused
 * (`permission-denied`) when it is not a regular file (a FIFO, /dev/zero, a directory); read in bounded
 * chunks up to `maxBytes` whatever its size claims. Errors are {@link SysfsError}s that name the file and
 * never quote its content.
 */
export function readRegularFile(path: string, options: ReadRegularFileOptions): Buffer {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow === true ? constants.O_NOFOLLOW : 0);
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' && options.noFollow === true) throw SysfsError.refused(path, 'a symbolic link');
    if (code === 'ENXIO') throw SysfsError.refused(path, 'not a regular file');
    throw SysfsError.fromSyscall(error, path);
  }
  try {
    if (!fstatSync(fd).isFile()) throw SysfsError.refused(path, 'not a regular file');
    const limit = options.maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(FIRST_CHUNK, limit));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limit) throw SysfsError.tooLarge(path, options.maxBytes);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) return buffer.subarray(0, length);
      length += n;
    }
  } catch (error) {
    throw SysfsError.fromSyscall(error, path);
  } finally {
    closeQuietly(fd);
  }
}
