import type { OomSignal } from '@katamon/core';
import {
  AsyncChannel,
  PseudoFileReader,
  SysfsError,
  joinPath,
  valueByKey,
  setTimeoutTimer,
  type SetTimer,
} from '@katamon/sysfs';

export interface WatchOomV1Options {
  /** Poll period of `memory.oom_control`. Default 200 ms. */
  pollMs?: number;
  /** Timer to use (a Scheduler's `setTimer`); default setTimeout. */
  setTimer?: SetTimer;
}


/**
 * OOM kills of one v1 memory cgroup. runc registers an eventfd on `memory.oom_control`; Node has no eventfd,
 * so the `oom_kill` counter of `memory.oom_control` (kernel ≥ 4.13) is polled with a cached descriptor
 * (one pread per period). One `'oom'` per poll in which the counter grew: an eventfd read also coalesces
 * the notifications that arrived since the last read.
 * `'gone'` (then the end) when the cgroup is removed, like runc's check of `cgroup.event_control`.
 */
export function watchOomV1(
  memoryDir: string,
  signal: AbortSignal,
  options: WatchOomV1Options = {},
): AsyncIterable<OomSignal> {
  const setTimer = options.setTimer ?? setTimeoutTimer;
  const pollMs = options.pollMs ?? 200;
  const reader = new PseudoFileReader({ maxOpenFiles: 1 });
  const path = joinPath(memoryDir, 'memory.oom_control');
  let cancelTimer: (() => void) | undefined;
  const channel = new AsyncChannel<OomSignal>(() => {
    cancelTimer?.();
    reader.close();
    signal.removeEventListener('abort', onAbort);
  });
  const onAbort = (): void => channel.end();
  const gone = (): void => {
    channel.push('gone');
    channel.end();
  };
  const read = (): bigint => valueByKey(reader.read(path), 'oom_kill', path);

  let last: bigint;
  try {
    last = read();
  } catch {
    queueMicrotask(gone);
    return channel;
  }
  const tick = (): void => {
    if (channel.ended) return;
    try {
      const now = read();
      if (now > last) channel.push('oom');
      last = now;
    } catch (error) {
      // Any read error closes runc's channel too; a removed cgroup is the expected one.
      if (
        SysfsError.isKind(error, 'gone') ||
        SysfsError.isKind(error, 'not-found')
      )
        gone();
      else channel.end();
      return;
    }
    cancelTimer = setTimer(pollMs, tick);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) channel.end();
  else cancelTimer = setTimer(pollMs, tick);
  return channel;
}
