import { readdirSync } from 'node:fs';
import { isValidContainerId } from '@katamon/core';

/**
 * The real subdirectories of `dir` whose names could be container or namespace ids, sorted; none when `dir` is
 * missing or unreadable (an engine that has not run here yet). Symlinks are not directories here: nothing leads
 * out of an engine's root.
 */
export function idSubdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isValidContainerId(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
