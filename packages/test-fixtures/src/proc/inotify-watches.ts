import { readdirSync, readFileSync } from 'node:fs';

/** inotify watches this process holds, counted from /proc/self/fdinfo: for tests that watches come and go. */
export function inotifyWatchCount(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      count += readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1')
        .split('\n')
        .filter((line) => line.startsWith('inotify wd:')).length;
    } catch {
      // closed meanwhile (the directory listing's own descriptor, for one)
    }
  }
  return count;
}
