import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { SysfsError } from './sysfs-error.js';

/*
 * Files written by container engines (state.json, config.v2.json, a bundle's config.json, containers.json) are
 * untrusted input: users and images control parts of them, and a host may be misconfigured. Synchronous calls:
 * they are small files on a tmpfs or a local disk, and a round trip through the thread pool costs more than the
 * read (and `fs/promises` is a module a one-shot CLI does not otherwise load).
 */

// O_NONBLOCK: a FIFO planted in place of the file must not hang the reader; O_NOFOLLOW: no symlinked files.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export interface BoundedReadOptions {
  /** Files larger than this are refused (`parse`), before anything is read. */
  maxBytes: number;
  /** What the file is, for messages: `state file`, `Docker config`, … */
  what: string;
  /** Refuse bytes that are not UTF-8 (`parse`) instead of replacing them with U+FFFD. */
  strictUtf8?: boolean;
}

// Made on first use: most runs read no engine file that needs checking.
let utf8: InstanceType<typeof TextDecoder> | undefined;

/**
 * A small untrusted file's text, or undefined when it does not exist. Refused with a one-line SysfsError naming
 * the file: a symlink (`permission-denied`), anything but a regular file, a file over `maxBytes` or (with
 * `strictUtf8`) invalid UTF-8 (`parse`), and a failed system call (`io`, `permission-denied`).
 */
export function readBoundedFile(file: string, options: BoundedReadOptions): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') throw new SysfsError('permission-denied', `refusing symlinked ${options.what} ${file}`, file);
    throw SysfsError.fromSyscall(error, file);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new SysfsError('parse', `${options.what} ${file} is not a regular file`, file);
    if (info.size > options.maxBytes)
      throw new SysfsError('parse', `${options.what} ${file} is larger than ${options.maxBytes} bytes`, file);
    // One byte more than allowed: a file that grew since fstat is refused too.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, options.maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > options.maxBytes)
      throw new SysfsError('parse', `${options.what} ${file} is larger than ${options.maxBytes} bytes`, file);
    if (!options.strictUtf8) return buffer.toString('utf8', 0, length);
    try {
      return (utf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(buffer.subarray(0, length));
    } catch {
      throw new SysfsError('parse', `${options.what} ${file} is not valid UTF-8`, file);
    }
  } catch (error) {
    throw SysfsError.is(error) ? error : SysfsError.fromSyscall(error, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * `<root>/<relativePath>` after checking that no directory on the way is a symlink leading elsewhere: the real
 * path of the file's directory must be the root's real path joined with the same components. The file itself
 * is then opened with O_NOFOLLOW ({@link readBoundedFile}). Undefined when a directory on the way is missing.
 */
export function pathWithinRoot(root: string, relativePath: string): string | undefined {
  const file = join(root, relativePath);
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`))
    throw new SysfsError('permission-denied', `${relativePath} leads outside ${root}`, file);
  let realRoot: string;
  let realDir: string;
  try {
    realRoot = realpathSync.native(root);
    realDir = realpathSync.native(dirname(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw SysfsError.fromSyscall(error, dirname(file));
  }
  if (realDir !== dirname(join(realRoot, rel)))
    throw new SysfsError('permission-denied', `${dirname(file)} resolves outside ${root}`, file);
  return file;
}
