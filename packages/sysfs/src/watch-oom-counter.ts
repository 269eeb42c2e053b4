import { watch, type FSWatcher } from 'node:fs';
import type { OomSignal } from '@katamon/core';
import { AsyncChannel } from './async-channel.js';
import type { SetTimer } from './cgroup-source-settings.js';
import { SysfsError } from './sysfs-error.js';

const isGone = (error: unknown): boolean => SysfsError.isKind(error, 'gone') || SysfsError.isKind(error, 'not-found');

/** What differs between the v1 and v2 OOM watches; {@link watchOomCounter} does the rest. */
export interface OomCounterSpec {
  signal: AbortSignal;
  setTimer: SetTimer;
  pollMs: number;
  /**
   * The cgroup's `oom_kill` counter now, and whether the cgroup has ended (v2: unpopulated). Throws when
   * it cannot be read (a removed cgroup: `gone`/`not-found`).
   */
  read(): { oomKill: bigint; ended: boolean };
  /** Files whose inotify events trigger a check before the next poll (v2), if inotify is available. */
  watchPaths?: readonly string[];
  /** Releases the spec's own resources (its reader) when the watch ends. */
  close(): void;
}

/**
 * An OOM watch by polling a kernel `oom_kill` counter (Node has no eventfd) every `pollMs` (up to half a period
 * later, in another timer's wake-up, when the scheduler coalesces timers): one `'oom'` per check in
 * which the counter grew since the previous one (an eventfd read also coalesces the notifications since
 * the last read), `'gone'` then the end when the cgroup ended or cannot be read as removed; any other read
 * error ends it quietly, as it closes runc's channel. A first read that fails as removed or missing means the
 * cgroup is gone; any other first failure (a file the reader refuses) ends it quietly too: the container's
 * samples report that problem, and it is not gone.
 */
export function watchOomCounter(spec: OomCounterSpec): AsyncIterable<OomSignal> {
  const watchers: FSWatcher[] = [];
  let cancelTimer: (() => void) | undefined;
  const channel = new AsyncChannel<OomSignal>(() => {
    cancelTimer?.();
    for (const w of watchers) w.close();
    spec.close();
    spec.signal.removeEventListener('abort', onAbort);
  });
  const onAbort = (): void => channel.end();
  const gone = (): void => {
    channel.push('gone');
    channel.end();
  };

  let last: bigint;
  try {
    last = spec.read().oomKill;
  } catch (error) {
    queueMicrotask(isGone(error) ? gone : () => channel.end());
    return channel;
  }
  const check = (): void => {
    if (channel.ended) return;
    try {
      const { oomKill, ended } = spec.read();
      if (oomKill > last) channel.push('oom');
      last = oomKill;
      if (ended) gone();
    } catch (error) {
      if (isGone(error)) gone();
      else channel.end();
    }
  };
  // Half a period of slack: with a stream running, the poll shares the wake-up of the stream's next tick.
  const arm = (): void => {
    cancelTimer = spec.setTimer(spec.pollMs, tick, spec.pollMs / 2);
  };
  const tick = (): void => {
    check();
    if (!channel.ended) arm();
  };
  for (const path of spec.watchPaths ?? []) {
    try {
      const w = watch(path, { persistent: false }, check);
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // inotify unavailable (ENOSPC: watch limit): the poll carries the watch alone.
    }
  }
  spec.signal.addEventListener('abort', onAbort, { once: true });
  if (spec.signal.aborted) channel.end();
  else arm();
  return channel;
}
