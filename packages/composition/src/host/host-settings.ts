import type { Logger, Scheduler } from '@katamon/core';

/** Every setting of {@link createHostKatamon}: what the apps gather from flags, environment and config. */
export interface HostSettings {
  /** Host paths by role (`:`-separated lists): the user's; absent or empty roles keep the defaults. */
  roots?: Readonly<Record<string, string | undefined>>;
  /**
   * Engines whose default host paths are probed: `all` (the default), or a list (`[]`: none, only the roots
   * the user gave). Engines: runc, crun, containerd, docker, podman, cri-o, kata.
   */
  discover?: 'all' | readonly string[];
  /** The config file (JSON: plugins and their settings), read before the plugins below. */
  configFile?: string;
  /** Third-party plugin modules (paths or package names), in order, after the config file's. */
  plugins?: readonly string[];
  /** Where relative plugin paths and package names are resolved from (default: the working directory). */
  cwd?: string;
  logger?: Logger;
  scheduler?: Scheduler;
  /** Whether the caller prints namespace network data (default true); without it netns is not loaded. */
  network?: boolean;
  /** Per-source deadline and stream queue length (use-case settings). */
  sourceDeadlineMs?: number;
  queueLength?: number;
}
