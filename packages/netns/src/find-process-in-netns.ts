import { readdirSync, statSync } from 'node:fs';

/** Device and inode of a network namespace (nsfs): what two paths share when they name the same namespace. */
export interface NsId {
  dev: number;
  ino: number;
}

/** The namespace of `/proc/<pid>/ns/net`, or undefined when the process is gone. */
export function netnsOfPid(pid: number, procRoot = '/proc'): NsId | undefined {
  try {
    const st = statSync(`${procRoot}/${pid}/ns/net`);
    return { dev: st.dev, ino: st.ino };
  } catch {
    // ENOENT/ESRCH: exited; EACCES cannot happen as root and means "not usable" otherwise.
    return undefined;
  }
}

export const sameNs = (a: NsId | undefined, b: NsId): boolean => a !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * A process inside namespace `ns`, found by comparing every `/proc/<pid>/ns/net` with it (one stat per
 * process). Undefined when no process is in it, e.g. a Kata sandbox namespace kept only by a bind mount.
 */
export function findProcessInNetns(ns: NsId, procRoot = '/proc', skip?: number): number | undefined {
  for (const name of readdirSync(procRoot)) {
    const c = name.charCodeAt(0);
    if (c < 49 || c > 57) continue;
    const pid = Number(name);
    if (pid !== skip && sameNs(netnsOfPid(pid, procRoot), ns)) return pid;
  }
  return undefined;
}
