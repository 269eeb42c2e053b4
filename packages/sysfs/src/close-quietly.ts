import { closeSync } from 'node:fs';

/** Closes `fd`, ignoring failure: a descriptor of a removed cgroup can only fail with EBADF/EIO. */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing is left to release
  }
}
