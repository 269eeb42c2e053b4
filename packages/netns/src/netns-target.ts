import type { ContainerRef } from '@katamon/core';

/** Which namespace a ref names, and a process that may be in it. */
export interface NetnsTarget {
  /** A path whose stat identifies the namespace: `/proc/<pid>/ns/net`, `/run/netns/<name>`, … */
  path: string;
  /** A process to open the namespace's /proc files through, when the ref has one. */
  pid?: number;
  /** The path dies with its process (`/proc/<pid>/ns/net`): a different namespace there means gone, not moved. */
  processBound: boolean;
}

const PROC_NS = /^\/proc\/(\d+)\/ns\/net$/;

/** The ref's own netns path first (a runc container), then its Kata sandbox's, then its init process's. */
export function netnsTargetOf(ref: ContainerRef): NetnsTarget | undefined {
  const path =
    ref.netnsPath ??
    ref.sandbox?.netnsPath ??
    (ref.pid !== undefined && ref.pid > 0 ? `/proc/${ref.pid}/ns/net` : undefined);
  if (path === undefined) return undefined;
  const bound = PROC_NS.exec(path);
  const target: NetnsTarget = { path, processBound: bound !== null };
  if (bound) target.pid = Number(bound[1]);
  else if (ref.pid !== undefined && ref.pid > 0) target.pid = ref.pid;
  return target;
}
