import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FAKE_TREE_AREAS } from '@katamon/test-fixtures';
import { PseudoFileReader } from '@katamon/sysfs';

/** A cgroup directory written into a temp dir: file name → content. Returns the dir and a cleanup. */
export function writeTree(files: Readonly<Record<string, string>>): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-cg-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return {
    dir,
    cleanup: () => {
      fakeTreeReader.forget(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where the tests' readers may read: the temp dir's fake trees (plain files: production readers accept cgroupfs only). */
export const FAKE_AREAS = FAKE_TREE_AREAS;

/** One reader over the fake trees for the tests that do not make their own (no memory of absent files). */
export const fakeTreeReader = new PseudoFileReader({ areas: FAKE_AREAS, missingTtlMs: 0 });
