import { readdirSync, statfsSync } from 'node:fs';
import { KatamonError, type CgroupPaths } from '@katamon/core';
import { CGROUP2_SUPER_MAGIC, confinementProblem } from '@katamon/sysfs';
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

function refuse(stateFile: string, problem: string): never {
  throw new KatamonError('permission-denied', `refusing state file ${stateFile}: a cgroup path ${problem}`, {
    path: stateFile,
  });
}

/**
 * Refuses (`permission-denied`, naming the state file) a cgroup whose recorded directories are not plainly
 * below the cgroup root (absolute, no `.`/`..` segment: sysfs's confinementProblem, said without quoting the
 * path, the state file's content): the readers would refuse their files anyway, but the state file is the one
 * to blame.
 */
export function confineCgroupPaths(cgroup: CgroupPaths, cgroupRoot: string, stateFile: string): CgroupPaths {
  for (const dir of cgroup.version === 2 ? [cgroup.path] : Object.values(cgroup.paths)) {
    const problem = confinementProblem(dir, cgroupRoot);
    if (problem !== undefined) refuse(stateFile, problem);
  }
  return cgroup;
}

/**
 * The cgroup of a container, whichever format its runtime recorded, confined below `cgroupRoot` (see
 * {@link confineCgroupPaths}; `stateFile` names the file in the error).
 */
export async function cgroupPathsOf(
  state: RuncState,
  cgroupRoot: string,
  stateFile = `of ${state.id}`,
): Promise<CgroupPaths | undefined> {
  const relative = state.cgroupRelative;
  if (relative !== undefined) {
    // crun's path is below the mount, so it starts with '/'.
    if (!relative.startsWith('/')) refuse(stateFile, 'is not below the cgroup mount');
    return confineCgroupPaths(await cgroupPathsFromRelative(relative, cgroupRoot), cgroupRoot, stateFile);
  }
  const cgroup = cgroupPathsFromMap(state.cgroupPaths);
  return cgroup === undefined ? undefined : confineCgroupPaths(cgroup, cgroupRoot, stateFile);
}
