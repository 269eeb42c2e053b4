import type { PluginContext } from './plugin-manifest.js';

/** One host path a probe looked at. */
export interface ProbedPath {
  /** What the path is to the engine (`state root`, `data root`, `namespaces`, …). */
  role: string;
  path: string;
  found: boolean;
}

/** What a factory's probe found on this host for one engine (or adapter): `katamon doctor` prints these. */
export interface HostProbeReport {
  /** Engine or adapter the report is about: `docker`, `containerd`, `kata`, a plugin's name. */
  engine: string;
  found: boolean;
  /** One line: what was found, or why the engine was skipped. */
  detail: string;
  paths: readonly ProbedPath[];
}

/** Asked when the user wants to know (`katamon doctor`), never on the way to an answer; never throws for an absent path. */
export type HostProbe = (ctx: PluginContext) => readonly HostProbeReport[] | Promise<readonly HostProbeReport[]>;
