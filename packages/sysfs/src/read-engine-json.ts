import { pathWithinRoot, readBoundedFile } from './read-bounded-file.js';

export type EngineJson = { found: true; file: string; value: unknown } | { found: false; file: string; issue?: string };

/**
 * An engine's own JSON file below one of its roots (`<data-root>/containers/<id>/config.v2.json`, podman's
 * `containers.json`, a bundle's `config.json`): bounded, strict UTF-8, no symlink on the way or at the end.
 * Never throws; an unreadable or malformed file is an issue (one line naming the file and why), an absent
 * one is just absent.
 */
export function readEngineJson(root: string, relativePath: string, what: string, maxBytes: number): EngineJson {
  let file = `${root}/${relativePath}`;
  try {
    const within = pathWithinRoot(root, relativePath);
    if (within === undefined) return { found: false, file };
    file = within;
    const text = readBoundedFile(file, { maxBytes, what, strictUtf8: true });
    if (text === undefined) return { found: false, file };
    try {
      return { found: true, file, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { found: false, file, issue: `${what} ${file} is not JSON: ${(error as Error).message}` };
    }
  } catch (error) {
    return { found: false, file, issue: error instanceof Error ? error.message : String(error) };
  }
}

/** `obj[key]` when `obj` is a plain object holding `key` itself (never an inherited property). */
export function fieldOf(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.hasOwn(obj, key)
    ? (obj as Record<string, unknown>)[key]
    : undefined;
}

/** A non-empty string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
