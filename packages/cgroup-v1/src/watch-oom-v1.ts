import type { OomSignal } from '@katamon/core';
import {
  PseudoFileReader,
  cgroupArea,
  joinPath,
  valueByKey,
  setTimeoutTimer,
  watchOomCounter,
  type ReadArea,
  type SetTimer,
} from '@katamon/sysfs';

export interface WatchOomV1Options {
  /** Poll period of `memory.oom_control`. Default 200 ms. */
  pollMs?: number;
  /** Timer to use (a Scheduler's `setTimer`); default setTimeout. */
  setTimer?: SetTimer;
  /** Where the watch may open files (the source's areas; default cgroupfs below /sys/fs/cgroup). */
  areas?: readonly ReadArea[];
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
  const reader = new PseudoFileReader({ maxOpenFiles: 1, areas: options.areas ?? [cgroupArea()] });
  const path = joinPath(memoryDir, 'memory.oom_control');
  return watchOomCounter({
    signal,
    setTimer: options.setTimer ?? setTimeoutTimer,
    pollMs: options.pollMs ?? 200,
    read: () => ({
      oomKill: valueByKey(reader.read(path), 'oom_kill', path),
      ended: false,
    }),
    close: () => reader.close(),
  });
}
