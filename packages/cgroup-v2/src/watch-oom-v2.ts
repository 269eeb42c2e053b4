import { watch, type FSWatcher } from 'node:fs';
import type { OomSignal } from '@katamon/core';
import {
  AsyncChannel,
  PseudoFileReader,
  SysfsError,
  valueByKey,
  joinPath as join,
  setTimeoutTimer,
  type SetTimer,
} from '@katamon/sysfs';

export interface WatchOomV2Options {
  /** Safety-net poll period; the only mechanism when inotify is unavailable. Default 1000 ms. */
  pollMs?: number;
  /** Timer to use (a Scheduler's `setTimer`); default setTimeout. */
  setTimer?: SetTimer;
  /** Disable inotify (tests of the polling fallback). */
  useInotify?: boolean;
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
  const setTimer = options.setTimer ?? setTimeoutTimer;
  const pollMs = options.pollMs ?? 1000;
  const reader = new PseudoFileReader({ maxOpenFiles: 2 });
  const eventsPath = join(dir, 'memory.events');
  const cgroupEventsPath = join(dir, 'cgroup.events');
  const watchers: FSWatcher[] = [];
  let cancelTimer: (() => void) | undefined;

  const channel = new AsyncChannel<OomSignal>(() => {
    cancelTimer?.();
    for (const w of watchers) w.close();
    reader.close();
    signal.removeEventListener('abort', onAbort);
  });
  const onAbort = (): void => channel.end();

  const gone = (): void => {
    channel.push('gone');
    channel.end();
  };

  const readOomKill = (): bigint =>
    valueByKey(reader.read(eventsPath), 'oom_kill', eventsPath);
  let last: bigint;
  try {
    last = readOomKill();
  } catch {
    // No memory.events at all: the cgroup is already gone (or has no memory controller: nothing to watch).
    queueMicrotask(gone);
    return channel;
  }

  const check = (): void => {
    if (channel.ended) return;
    try {
      const populated = valueByKey(
        reader.read(cgroupEventsPath),
        'populated',
        cgroupEventsPath,
      );
      const now = readOomKill();
      if (now > last) channel.push('oom');
      last = now;
      if (populated === 0n) gone();
    } catch (error) {
      if (
        SysfsError.isKind(error, 'gone') ||
        SysfsError.isKind(error, 'not-found')
      )
        gone();
      else channel.end();
    }
  };

  const tick = (): void => {
    check();
    if (!channel.ended) cancelTimer = setTimer(pollMs, tick);
  };

  if (options.useInotify ?? true) {
    for (const path of [eventsPath, cgroupEventsPath]) {
      try {
        const w = watch(path, { persistent: false }, check);
        w.on('error', () => w.close());
        watchers.push(w);
      } catch {
        // inotify unavailable (ENOSPC: watch limit): the poll below carries the watch alone.
      }
    }
  }
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) channel.end();
  else cancelTimer = setTimer(pollMs, tick);
  return channel;
}
