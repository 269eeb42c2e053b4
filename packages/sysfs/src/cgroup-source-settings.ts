import type { PluginContext } from '@katamon/core';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { cgroupArea, type ReadArea } from './read-areas.js';

/**
 * A timer as the cgroup OOM watchers use it: run `fn` after `delayMs` (or up to `slackMs` later, in another
 * timer's wake-up: see Scheduler.setTimer), return a cancel function.
 */
export type SetTimer = (delayMs: number, fn: () => void, slackMs?: number) => () => void;

/** setTimeout as a {@link SetTimer}, for watchers used outside a plugin host. */
export const setTimeoutTimer: SetTimer = (ms, fn) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/** The reader settings both cgroup sources take. */
export interface CgroupReaderSettings {
  /** The cgroup mount root (`--cgroup-root`): only cgroupfs files below it are opened. Default /sys/fs/cgroup. */
  cgroupRoot?: string;
  /**
   * Where the source's readers may open files instead (default `[cgroupArea(cgroupRoot)]`). For tests whose
   * cgroup trees are plain files; {@link cgroupSourceSettings} never sets it, whatever the config says.
   */
  areas?: readonly ReadArea[];
  /** Descriptor cap of the source's reader. */
  maxOpenFiles?: number;
  /**
   * Re-read limit files (each source's static-files.ts) at most this often, ms: fewer reads per sample, and a
   * changed limit shows up at most this late. Default 0: see `watchLimitWrites`.
   */
  staticRefreshMs?: number;
  /**
   * With `staticRefreshMs` 0: keep the limit files until a write to one is seen (an inotify watch on the
   * cgroup directory; the kernel reports every write(2) to a cgroup file made in this cgroup namespace, such
   * as `runc update`'s), so a sample shows every limit written before it, like runc, without re-reading
   * them. Default true; false reads every limit every sample, as runc does. Needs the batch addon; without
   * it every sample reads them.
   */
  watchLimitWrites?: boolean;
  /**
   * With the watch: look for limit writes at most this often, ms (default {@link LIMIT_WRITE_CHECK_MS}; 0 at
   * every sample, one system call each). A write shows in every sample that starts this long after it.
   */
  limitWriteCheckMs?: number;
}

/**
 * How often the cgroup sources look for limit writes by default, ms: a sweep of 1,000 containers then looks
 * once per millisecond of it (≈ 50 times) instead of 1,000 times, and no caller can sample sooner after a
 * write than a millisecond in practice (a command, a scrape, a 10 ms stream tick).
 */
export const LIMIT_WRITE_CHECK_MS = 1;

/** What a cgroup version's files are, for its source's reader (each source's static-files.ts). */
export interface CgroupFileKinds {
  /** A limit: re-read at most every `staticRefreshMs` when that is set. */
  isStatic(path: string): boolean;
  /** A limit kept until a write to it is seen (`watchLimitWrites`). */
  untilWritten(path: string): boolean;
  /** How long an absent optional file is remembered as absent, ms (the reader's default when unset). */
  missingTtlMs?: number;
}

/** The reader a cgroup source shares between the containers it reads, made from its settings. */
export function createCgroupReader(settings: CgroupReaderSettings, kinds: CgroupFileKinds): PseudoFileReader {
  return new PseudoFileReader({
    areas: cgroupAreasOf(settings),
    ...(kinds.missingTtlMs === undefined ? {} : { missingTtlMs: kinds.missingTtlMs }),
    ...(settings.maxOpenFiles === undefined ? {} : { maxOpenFiles: settings.maxOpenFiles }),
    staticFiles: {
      refreshMs: settings.staticRefreshMs ?? 0,
      isStatic: kinds.isStatic,
      ...(settings.watchLimitWrites === false
        ? {}
        : { untilWritten: kinds.untilWritten, writeCheckMs: settings.limitWriteCheckMs ?? LIMIT_WRITE_CHECK_MS }),
    },
  });
}

/** The areas of a cgroup source's readers (its OOM watches' too). */
export function cgroupAreasOf(settings: Pick<CgroupReaderSettings, 'cgroupRoot' | 'areas'>): readonly ReadArea[] {
  return settings.areas ?? [cgroupArea(settings.cgroupRoot)];
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
 * `watchLimitWrites`, `limitWriteCheckMs`, `oomPollMs`; anything else or out of range is ignored), with OOM
 * polling on the host's Scheduler and reads confined to cgroupfs below the host's cgroup root
 * (`ctx.roots.cgroup`): no config key widens that.
 */
export function cgroupSourceSettings(ctx: PluginContext): CgroupSourceSettings {
  const settings: CgroupSourceSettings = {
    oom: { setTimer: (ms, fn, slackMs) => ctx.scheduler.setTimer(ms, fn, slackMs) },
  };
  const root = ctx.roots['cgroup'];
  if (root !== undefined && root !== '') settings.cgroupRoot = root;
  const maxOpenFiles = positiveNumber(ctx.config, 'maxOpenFiles');
  if (maxOpenFiles !== undefined) settings.maxOpenFiles = maxOpenFiles;
  const staticRefreshMs = positiveNumber(ctx.config, 'staticRefreshMs');
  if (staticRefreshMs !== undefined) settings.staticRefreshMs = staticRefreshMs;
  if (ctx.config['watchLimitWrites'] === false) settings.watchLimitWrites = false;
  const checkMs = ctx.config['limitWriteCheckMs'];
  if (typeof checkMs === 'number' && Number.isFinite(checkMs) && checkMs >= 0) settings.limitWriteCheckMs = checkMs;
  const pollMs = positiveNumber(ctx.config, 'oomPollMs');
  if (pollMs !== undefined) settings.oom.pollMs = pollMs;
  return settings;
}
