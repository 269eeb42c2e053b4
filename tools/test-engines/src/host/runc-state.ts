import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What the tests read from a runc/crun `state.json` (runc 1.1 field names). */
export interface RuncState {
  readonly id: string;
  readonly root: string;
  readonly pid: number;
  /** From the `bundle=` label runc adds to `config.labels`. */
  readonly bundle: string;
  /** `config.labels` as a map: every OCI annotation, plus `bundle`. */
  readonly labels: ReadonlyMap<string, string>;
  /** Controller → cgroup directory (v1), `""` → the unified directory. */
  readonly cgroupPaths: Readonly<Record<string, string>>;
  readonly raw: unknown;
}

interface RawState {
  id?: string;
  init_process_pid?: number;
  cgroup_paths?: Record<string, string>;
  config?: { labels?: string[] };
}

export function readRuncState(root: string, id: string): RuncState {
  const raw = JSON.parse(readFileSync(join(root, id, 'state.json'), 'utf8')) as RawState;
  const labels = new Map<string, string>();
  for (const label of raw.config?.labels ?? []) {
    const eq = label.indexOf('=');
    if (eq > 0) labels.set(label.slice(0, eq), label.slice(eq + 1));
  }
  return {
    id: raw.id ?? id,
    root,
    pid: raw.init_process_pid ?? 0,
    bundle: labels.get('bundle') ?? '',
    labels,
    cgroupPaths: raw.cgroup_paths ?? {},
    raw,
  };
}

/** Ids with a state.json under `root`; none when the root does not exist. */
export function listRuncStates(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .filter((id) => {
        try {
          readFileSync(join(root, id, 'state.json'));
          return true;
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}
