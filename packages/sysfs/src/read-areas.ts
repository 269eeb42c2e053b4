import { CGROUP2_SUPER_MAGIC, CGROUP_SUPER_MAGIC } from './cgroup-mounts.js';

/** statfs(2) `f_type` of procfs (linux/magic.h PROC_SUPER_MAGIC). */
export const PROC_SUPER_MAGIC = 0x9fa0;

/**
 * Where a reader may open files: below `root`, on one of `filesystems` (statfs(2) `f_type` values). A file is
 * opened only when its path names it below `root` (absolute, no `.` or `..` segment), its directory resolves
 * (symbolic links followed) below `root`'s own resolution and is on one of `filesystems`, and the file itself
 * is a regular file (not a link, FIFO, device or socket) on the same filesystem as its directory.
 *
 * Production code builds areas with {@link cgroupArea} and {@link procArea} only: the kernel's own
 * filesystems, whatever the configuration says. A test whose tree is plain files builds its area by hand
 * (`fakeTreeArea` in core-testing), so it says that it accepts another filesystem.
 */
export interface ReadArea {
  readonly root: string;
  readonly filesystems: readonly number[];
}

/** The cgroup filesystems: v1 hierarchies and the unified one. */
export const CGROUP_FILESYSTEMS: readonly number[] = Object.freeze([CGROUP_SUPER_MAGIC, CGROUP2_SUPER_MAGIC]);

/** Files of cgroupfs below the cgroup mount root (`--cgroup-root`). */
export function cgroupArea(root = '/sys/fs/cgroup'): ReadArea {
  return Object.freeze({ root: trimRoot(root), filesystems: CGROUP_FILESYSTEMS });
}

/** Files of procfs below the proc mount (`--proc-root`). */
export function procArea(root = '/proc'): ReadArea {
  return Object.freeze({ root: trimRoot(root), filesystems: Object.freeze([PROC_SUPER_MAGIC]) });
}

/** What a reader opens when told nothing else: cgroupfs below /sys/fs/cgroup, procfs below /proc. */
export const KERNEL_AREAS: readonly ReadArea[] = Object.freeze([cgroupArea(), procArea()]);

/** `root` without trailing slashes (`/` stays `/`). */
export function trimRoot(root: string): string {
  return root.replace(/\/+$/, '') || '/';
}

/** Whether `path` is `root` or below it (both absolute, `root` trimmed). */
export function isBelow(path: string, root: string): boolean {
  return root === '/' || path === root || (path.startsWith(root) && path.charCodeAt(root.length) === 47);
}

/**
 * What makes `path` unfit to name a file by itself, if anything: not absolute, a NUL, or a `.`/`..` segment
 * (said without quoting the path, which is someone else's).
 */
export function pathSyntaxProblem(path: string): string | undefined {
  if (path.charCodeAt(0) !== 47 || path.includes('\0')) return 'is not an absolute path';
  for (const segment of path.split('/')) if (segment === '.' || segment === '..') return "has a '.' or '..' segment";
  return undefined;
}

/**
 * What keeps `path` from being plainly below `root`, if anything: {@link pathSyntaxProblem}, else not below it.
 * For resolvers, which check the directories a state file records before anything is read there.
 */
export function confinementProblem(path: string, root: string): string | undefined {
  const trimmed = trimRoot(root);
  return pathSyntaxProblem(path) ?? (isBelow(path, trimmed) ? undefined : `is outside ${trimmed}`);
}

const NAMES: Readonly<Record<number, string>> = {
  [CGROUP_SUPER_MAGIC]: 'cgroup',
  [CGROUP2_SUPER_MAGIC]: 'cgroup2',
  [PROC_SUPER_MAGIC]: 'proc',
  0x01021994: 'tmpfs',
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlay',
  0x62656572: 'sysfs',
  0x2fc12fc1: 'zfs',
  0x6969: 'nfs',
};

/** A filesystem type's name for messages (`cgroup2`, `tmpfs`, else its magic in hex). */
export function filesystemName(type: number): string {
  return NAMES[type] ?? `0x${type.toString(16)}`;
}
