import { readdirSync, statfsSync } from 'node:fs';
import type { CgroupPaths } from '@katamon/core';
import { CGROUP2_SUPER_MAGIC } from '@katamon/sysfs';
import type { RuncState } from './runc-state.js';

/**
 * runc records one directory per controller. Pure cgroup v2 leaves only the unified entry (key `''`); a
 * hybrid host records the unified directory too, but the controllers live in the v1 hierarchies.
 */
export function cgroupPathsFromMap(map: Readonly<Record<string, string>>): CgroupPaths | undefined {
  const keys = Object.keys(map);
  const unified = map[''];
  if (keys.length === 1 && unified) return { version: 2, path: unified };
  const paths: Record<string, string> = {};
  for (const key of keys) if (key !== '' && map[key]) paths[key] = map[key] as string;
  return Object.keys(paths).length > 0 ? { version: 1, paths } : undefined;
}

/**
 * crun records the path below the cgroup mount. cgroup2 at `cgroupRoot` means one directory; otherwise the
 * same relative path under every v1 hierarchy (`cpu,cpuacct` mounts serve both controllers).
 */
export async function cgroupPathsFromRelative(relative: string, cgroupRoot: string): Promise<CgroupPaths> {
  const fs = statfsSync(cgroupRoot);
  if (fs.type === CGROUP2_SUPER_MAGIC) return { version: 2, path: cgroupRoot + relative };
  const paths: Record<string, string> = {};
  for (const entry of readdirSync(cgroupRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'unified') continue;
    const dir = `${cgroupRoot}/${entry.name}${relative}`;
    if (entry.name === 'systemd') paths['name=systemd'] = dir;
    else for (const controller of entry.name.split(',')) paths[controller] ??= dir;
  }
  return { version: 1, paths };
}

/** The cgroup of a container, whichever format its runtime recorded. */
export async function cgroupPathsOf(state: RuncState, cgroupRoot: string): Promise<CgroupPaths | undefined> {
  if (state.cgroupRelative !== undefined) return cgroupPathsFromRelative(state.cgroupRelative, cgroupRoot);
  return cgroupPathsFromMap(state.cgroupPaths);
}
