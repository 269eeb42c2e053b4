import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Files by relative path (`'a/b/memory.stat'` or nested objects); a string is the file's content. */
export interface TreeSpec {
  [path: string]: string | TreeSpec;
}

/** Writes real files (kernel pseudo-file content is just text) under `dir`; returns `dir`. */
export async function writeTree(dir: string, spec: TreeSpec): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [path, value] of Object.entries(spec)) {
    const target = join(dir, path);
    if (typeof value === 'string') {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, value);
    } else {
      await writeTree(target, value);
    }
  }
  return dir;
}

export interface TempDir {
  path: string;
  /** Removes the directory and everything under it (idempotent). */
  cleanup(): Promise<void>;
}

/** A fresh directory under the OS temp dir, for one test's fake trees. */
export async function createTempDir(prefix = 'katamon-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
