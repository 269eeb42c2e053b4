import type { PluginContext } from '@katamon/core';

/** A timer as the cgroup OOM watchers use it: run `fn` after `delayMs`, return a cancel function. */
export type SetTimer = (delayMs: number, fn: () => void) => () => void;

/** setTimeout as a {@link SetTimer}, for watchers used outside a plugin host. */
export const setTimeoutTimer: SetTimer = (ms, fn) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/** The reader settings both cgroup sources take. */
export interface CgroupReaderSettings {
  /** Descriptor cap of the source's reader. */
  maxOpenFiles?: number;
  /**
   * Re-read limit files (each source's static-files.ts) at most this often, ms; default 0: every sample, as
   * runc does. For fleets: fewer reads per sweep, and a changed limit shows up at most this late.
   */
  staticRefreshMs?: number;
}

export interface CgroupSourceSettings extends CgroupReaderSettings {
  oom: { setTimer: SetTimer; pollMs?: number };
}

function positiveNumber(config: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const v = config[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * The settings both cgroup plugins read from their plugin config (`maxOpenFiles`, `staticRefreshMs`,
 * `oomPollMs`; anything else or out of range is ignored), with OOM polling on the host's Scheduler.
 */
export function cgroupSourceSettings(ctx: PluginContext): CgroupSourceSettings {
  const settings: CgroupSourceSettings = { oom: { setTimer: (ms, fn) => ctx.scheduler.setTimer(ms, fn) } };
  const maxOpenFiles = positiveNumber(ctx.config, 'maxOpenFiles');
  if (maxOpenFiles !== undefined) settings.maxOpenFiles = maxOpenFiles;
  const staticRefreshMs = positiveNumber(ctx.config, 'staticRefreshMs');
  if (staticRefreshMs !== undefined) settings.staticRefreshMs = staticRefreshMs;
  const pollMs = positiveNumber(ctx.config, 'oomPollMs');
  if (pollMs !== undefined) settings.oom.pollMs = pollMs;
  return settings;
}
