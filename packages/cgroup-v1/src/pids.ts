import type { PidsStats } from '@katamon/core';
import { UINT64_MAX, defaultReader, type FileReader } from '@katamon/sysfs';
import { readUint } from './cgroup-file.js';

/** `pids.current` and `pids.max`; both required. "No limit" (`max`, i.e. 2^64−1) is reported as 0, as runc does. */
export function readPids(dir: string, reader: FileReader = defaultReader()): PidsStats {
  const current = readUint(reader, dir, 'pids.current');
  const limit = readUint(reader, dir, 'pids.max');
  return { current, limit: limit === UINT64_MAX ? 0n : limit };
}
