/** What katamon needs from a runtime's per-container state file, whatever its format. */
export interface RuncState {
  id: string;
  /** Init process pid on the host (0 when never started). */
  pid: number;
  /** Init start time (field 22 of /proc/<pid>/stat) as recorded at start. */
  startTime: bigint;
  /** ISO 8601. */
  created?: string;
  bundle?: string;
  /** runc's `config.labels` as recorded (`k=v`: the OCI annotations, then `bundle=<dir>`); crun records none. */
  labels?: readonly string[];
  /** runc: keyed by controller, `''` is the unified (v2) hierarchy. crun: one relative path. */
  cgroupPaths: Readonly<Record<string, string>>;
  /** crun records the path relative to the cgroup mount instead of a map. */
  cgroupRelative?: string;
  /** The network namespace path runc recorded (`/proc/<pid>/ns/net`), when it has one. */
  netnsPath?: string;
}
