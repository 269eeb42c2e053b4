import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * A read area (sysfs `ReadArea`) over trees the tests write as plain files: below `root` (default the OS
 * temp directory), on whatever filesystem `root` is on (tmpfs, ext4, …). Production readers accept only
 * cgroupfs and procfs, and no configuration widens them; a test that reads a fake tree says so with this.
 */
export function fakeTreeArea(root: string = tmpdir()): { root: string; filesystems: number[] } {
  return { root, filesystems: [statfsSync(root).type] };
}

/** The areas of a reader over fake trees in the OS temp directory. */
export const FAKE_TREE_AREAS: readonly { root: string; filesystems: number[] }[] = [fakeTreeArea()];
