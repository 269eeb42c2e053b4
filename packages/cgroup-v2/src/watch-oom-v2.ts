import type { OomSignal } from '@katamon/core';
import {
  PseudoFileReader,
  cgroupArea,
  valueByKey,
  joinPath as join,
  setTimeoutTimer,
  watchOomCounter,
  type ReadArea,
  type SetTimer,
} from '@katamon/sysfs';

export interface WatchOomV2Options {
  /** Safety-net poll period; the only mechanism when inotify is unavailable. Default 1000 ms. */
  pollMs?: number;
  /** Timer to use (a Scheduler's `setTimer`); default setTimeout. */
  setTimer?: SetTimer;
  /** Disable inotify (tests of the polling fallback). */
  useInotify?: boolean;
  /** Where the watch may open files (the source's areas; default cgroupfs below /sys/fs/cgroup). */
  areas?: readonly ReadArea[];
}

/**
 * OOM kills of one v2 cgroup, as runc watches them: `memory.events` (`oom_kill`) and `cgroup.events`
 * (`populated`) via inotify, with a periodic re-check as fallback (inotify watches can be exhausted, and
 * kernfs notifications are coalesced).
 *
 * Decision: one `'oom'` per increase of `oom_kill` since the watch began. runc instead re-sends `oom` on
 * every later `memory.events` change once `oom_kill > 0` (its value check is `> 0`); that repeat is a
 * timing artefact, not an OOM, so katamon does not reproduce it.
 * `'gone'` (then the end) when the cgroup is unpopulated or removed, like runc's channel close.
 */
export function watchOomV2(
  dir: string,
  signal: AbortSignal,
  options: WatchOomV2Options = {},
): AsyncIterable<OomSignal> {
  const reader = new PseudoFileReader({ maxOpenFiles: 2, areas: options.areas ?? [cgroupArea()] });
  const eventsPath = join(dir, 'memory.events');
  const cgroupEventsPath = join(dir, 'cgroup.events');
  let first = true;
  return watchOomCounter({
    signal,
    setTimer: options.setTimer ?? setTimeoutTimer,
    pollMs: options.pollMs ?? 1000,
    read: () => {
      // The first read only takes the counter: no memory.events at all means the cgroup is already gone
      // (or has no memory controller: nothing to watch); `populated` is looked at from the first check on.
      const populated = first ? 1n : valueByKey(reader.read(cgroupEventsPath), 'populated', cgroupEventsPath);
      first = false;
      return {
        oomKill: valueByKey(reader.read(eventsPath), 'oom_kill', eventsPath),
        ended: populated === 0n,
      };
    },
    watchPaths: (options.useInotify ?? true) ? [eventsPath, cgroupEventsPath] : [],
    close: () => reader.close(),
  });
}
