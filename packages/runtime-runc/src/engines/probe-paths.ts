import { statSync } from 'node:fs';
import type { HostProbeReport, ProbedPath } from '@katamon/core';

/** Whether a directory exists (a file or a broken path is not one); never throws. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a path exists at all; never throws. */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** One probe report: found when `found` says so, the detail naming the first missing path otherwise. */
export function report(engine: string, paths: ProbedPath[], found: boolean, detail: string): HostProbeReport {
  return { engine, found, detail, paths };
}

export function probed(role: string, path: string, check: (p: string) => boolean = isDirectory): ProbedPath {
  return { role, path, found: check(path) };
}
