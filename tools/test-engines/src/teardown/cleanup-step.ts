/**
 * What a workspace must undo, recorded as plain data the moment it is created (a daemon started, a dir
 * made, a default path taken over), so the watchdog can undo it even after the test process was killed.
 */
export type CleanupStep =
  /** Remove every container through the engine's CLI while the daemon still answers (errors are notes). */
  | { kind: 'sweep'; engine: 'containerd' | 'docker' | 'podman'; argv: readonly string[] }
  /** A daemon we started: TERM, then KILL after `graceMs`; `startTime` guards against pid reuse. */
  | { kind: 'process'; pid: number; startTime: string; name: string; graceMs: number }
  /** KILL leftovers whose command line names our private dir or socket (shims, conmon). */
  | { kind: 'processes-mentioning'; needle: string }
  /**
   * `runc delete --force` what is left in a state root (`/*` at the end: every subdirectory is a root, as
   * in `/run/containerd/runc/<namespace>`), only containers whose bundle lies under `bundleUnder`, and
   * never the `except` ones (`<root>/<id>`: there before we took over a default path).
   */
  | { kind: 'runtime-containers'; runtime: string; root: string; bundleUnder?: string; except?: string[] }
  /** Unlink the shim sockets (`/run/containerd/s/<hash>`) named by the task dirs of a killed containerd. */
  | { kind: 'shim-sockets'; taskRoot: string }
  | { kind: 'unmount'; dir: string }
  /** A cgroup path (relative to each hierarchy) to rmdir with its children. */
  | { kind: 'cgroup'; path: string }
  /** `unlessRunning`: keep it while a process of that name runs (a shared dir another daemon may use). */
  | { kind: 'remove'; path: string; onlyIfEmpty?: boolean; unlessRunning?: string }
  /** A default path we took over: remove ours, then move the original back from `backup` if there was one. */
  | { kind: 'restore'; path: string; backup?: string }
  | { kind: 'unlock'; path: string };

export type CleanupKind = CleanupStep['kind'];

/**
 * Steps run by kind in this order (containers before daemons before leftovers before files), and within a
 * kind newest first, so a Docker daemon goes before the containerd it runs on.
 */
export const CLEANUP_ORDER: readonly CleanupKind[] = [
  'sweep',
  'process',
  'processes-mentioning',
  'runtime-containers',
  'shim-sockets',
  'unmount',
  'cgroup',
  'remove',
  'restore',
  'unlock',
];

/** One journal line: the step, and the scope (an engine of the workspace) that owns it. */
export interface JournalEntry {
  readonly scope: string;
  readonly step: CleanupStep;
}

export interface CleanupReport {
  /** What is still on the host after the steps: a failed test. */
  readonly errors: string[];
  /** Graceful steps that failed but were covered by the forceful ones after them. */
  readonly notes: string[];
}
