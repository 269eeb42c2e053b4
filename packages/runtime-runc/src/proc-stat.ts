import { readFileSync } from 'node:fs';

/** The two fields of `/proc/<pid>/stat` that decide whether a container's init is still the same process. */
export interface ProcStat {
  /** Field 3: R, S, D, Z (zombie), X (dead), … */
  state: string;
  /** Field 22: start time in clock ticks since boot; a reused pid has a different one. */
  startTime: bigint;
}

/**
 * Parses `/proc/<pid>/stat`. `comm` (field 2) may contain spaces and parentheses, so fields are counted from
 * the last `)`. Returns undefined for content that does not have the expected shape.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text
    .slice(close + 1)
    .trim()
    .split(' ');
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const state = fields[0];
  const start = fields[19];
  if (state === undefined || start === undefined || !/^\d+$/.test(start)) return undefined;
  return { state, startTime: BigInt(start) };
}

/** Reads a process's stat line; undefined when the process does not exist (or /proc hides it). */
export async function readProcStat(pid: number, procRoot = '/proc'): Promise<ProcStat | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    return parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'latin1'));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * ENOENT, or ESRCH when the task is exiting while we read, or ENAMETOOLONG: an id may be longer than a file
 * name can be, and no such container can exist.
 */
export function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ESRCH' || code === 'ENOTDIR' || code === 'ENAMETOOLONG';
}
