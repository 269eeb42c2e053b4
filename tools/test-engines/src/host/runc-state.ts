import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What the tests read from a runc/crun `state.json` (runc 1.1 field names). */
export interface RuncState {
  readonly id: string;
  readonly root: string;
  readonly pid: number;
  /** `init_process_start`: with `pid`, tells the live init from a reused pid. */
  readonly startTime: string;
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
  init_process_start?: number;
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
    startTime: String(raw.init_process_start ?? ''),
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

/** `root`, or with a trailing `/*` every subdirectory of it (containerd's root per namespace). */
function expandRoots(root: string): string[] {
  if (!root.endsWith('/*')) return [root];
  const parent = root.slice(0, -2);
  try {
    return readdirSync(parent).map((name) => join(parent, name));
  } catch {
    return [];
  }
}

/** The containers in `root` (see expandRoots) whose bundle lies under `bundleUnder` (all without it). */
export function findRuntimeContainers(root: string, bundleUnder?: string): RuncState[] {
  const found: RuncState[] = [];
  for (const dir of expandRoots(root)) {
    for (const id of listRuncStates(dir)) {
      try {
        const state = readRuncState(dir, id);
        if (bundleUnder === undefined || state.bundle.startsWith(bundleUnder + '/')) found.push(state);
      } catch {
        // removed, or half written, while we looked
      }
    }
  }
  return found;
}
