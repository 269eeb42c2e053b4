import type { PidsStats } from '@katamon/core';
import {
  SysfsError,
  UINT64_MAX,
  parseSingleUint,
  readParsed,
  defaultReader,
  joinPath as join,
  type FileReader,
} from '@katamon/sysfs';

function countNewlines(text: string): bigint {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return BigInt(n);
}

/**
 * `pids.current` / `pids.max` (`max` → 0, the historical "no limit"). Without the pids controller
 * (no `pids.current`), the count of `cgroup.procs` lines (`cgroup.threads` for threaded cgroups), limit 0.
 */
export function readPids(dir: string, reader: FileReader = defaultReader()): PidsStats {
  const currentPath = join(dir, 'pids.current');
  const current = reader.tryRead(currentPath);
  if (current === undefined) {
    let procs: string;
    try {
      procs = reader.read(join(dir, 'cgroup.procs'));
    } catch (error) {
      if (!SysfsError.isKind(error, 'unsupported')) throw error;
      procs = reader.read(join(dir, 'cgroup.threads'));
    }
    return { current: countNewlines(procs), limit: 0n };
  }
  const maxPath = join(dir, 'pids.max');
  const limit = readParsed(reader, maxPath, parseSingleUint);
  return {
    current: parseSingleUint(current, currentPath),
    limit: limit === UINT64_MAX ? 0n : limit,
  };
}
