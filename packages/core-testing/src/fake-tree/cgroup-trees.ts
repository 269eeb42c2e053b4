import { join } from 'node:path';
import type { CgroupV1Paths, CgroupV2Path } from '@katamon/core';
import { writeTree, type TreeSpec } from './write-tree.js';

/**
 * A cgroup v1 layout: one hierarchy per controller mount under `root`, the container's group at
 * `cgroupPath` in each. A co-mounted key such as `'cpu,cpuacct'` makes one directory serving both
 * controllers, as systemd mounts them.
 */
export async function writeCgroupV1Tree(
  root: string,
  cgroupPath: string,
  controllers: Record<string, TreeSpec>,
): Promise<CgroupV1Paths> {
  const paths: Record<string, string> = {};
  for (const [mount, files] of Object.entries(controllers)) {
    const dir = join(root, mount, cgroupPath);
    await writeTree(dir, files);
    for (const controller of mount.split(',')) paths[controller] = dir;
  }
  return { version: 1, paths };
}

/** A cgroup v2 group at `root/cgroupPath` with the given interface files. */
export async function writeCgroupV2Tree(root: string, cgroupPath: string, files: TreeSpec): Promise<CgroupV2Path> {
  const path = join(root, cgroupPath);
  await writeTree(path, files);
  return { version: 2, path };
}
