import type { ContainerRef, ContainerResolver } from '@katamon/core';
import { validateContainerId } from '@katamon/core';
import { cgroupPathsOf } from './cgroup-paths-of.js';
import { decideStatus } from './decide-status.js';
import { parseCrunStatus, parseRuncState } from './parse-runc-state.js';
import { listStateIds, readStateFile, type StateRoot } from './state-root.js';

/** Ids of this length or more are full ids: exact lookup only (openEuler's rule). */
export const FULL_ID_LENGTH = 64;

export interface RuncResolverOptions {
  /** State roots, searched in order. */
  roots: readonly StateRoot[];
  /** Resolver name (refs carry it for `refresh`). */
  name?: string;
  /** Where crun's relative cgroup paths are anchored. */
  cgroupRoot?: string;
  procRoot?: string;
}

export const DEFAULT_RUNC_ROOTS: readonly StateRoot[] = [
  { path: '/run/runc', runtime: 'runc' },
  { path: '/run/crun', runtime: 'crun' },
];

/** A {@link ContainerResolver} over runc/crun state directories. */
export class RuncResolver implements ContainerResolver {
  readonly name: string;
  private readonly roots: readonly StateRoot[];
  private readonly cgroupRoot: string;
  private readonly procRoot: string;

  constructor(options: RuncResolverOptions) {
    this.name = options.name ?? 'runc';
    this.roots = options.roots;
    this.cgroupRoot = options.cgroupRoot ?? '/sys/fs/cgroup';
    this.procRoot = options.procRoot ?? '/proc';
  }

  async match(query: string): Promise<ContainerRef[]> {
    validateContainerId(query);
    const refs: ContainerRef[] = [];
    for (const root of this.roots) {
      const ids =
        query.length >= FULL_ID_LENGTH ? [query] : (await listStateIds(root.path)).filter((id) => id.startsWith(query));
      for (const id of ids) {
        const ref = await this.load(root, id);
        if (ref) refs.push(ref);
      }
    }
    return refs;
  }

  /** Every container; one whose state cannot be read is listed with status `unknown` and the error as a label. */
  async list(): Promise<ContainerRef[]> {
    const refs: ContainerRef[] = [];
    for (const root of this.roots) {
      for (const id of await listStateIds(root.path)) {
        try {
          const ref = await this.load(root, id);
          if (ref) refs.push(ref);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          refs.push({
            id,
            runtime: root.runtime,
            resolver: this.name,
            status: 'unknown',
            labels: { root: root.path, error: message },
          });
        }
      }
    }
    return refs;
  }

  async refresh(ref: ContainerRef): Promise<ContainerRef | undefined> {
    const roots = this.roots.filter((r) => r.path === ref.labels?.['root']);
    for (const root of roots.length > 0 ? roots : this.roots) {
      const fresh = await this.load(root, ref.id);
      if (fresh) return fresh;
    }
    return undefined;
  }

  private async load(root: StateRoot, id: string): Promise<ContainerRef | undefined> {
    const found = await readStateFile(root.path, id);
    if (!found) return undefined;
    const state =
      found.format === 'runc' ? parseRuncState(found.text, found.file) : parseCrunStatus(found.text, found.file, id);
    const cgroup = await cgroupPathsOf(state, this.cgroupRoot, found.file);
    const status = await decideStatus({
      pid: state.pid,
      startTime: state.startTime,
      stateDir: found.dir,
      cgroup,
      procRoot: this.procRoot,
    });
    const labels: Record<string, string> = { root: root.path, stateFile: found.file };
    if (state.bundle !== undefined) labels['bundle'] = state.bundle;
    // The state's own id is authoritative only when it agrees with the directory name.
    const ref: ContainerRef = { id, runtime: root.runtime, resolver: this.name, status, labels };
    if (state.id !== id) labels['stateId'] = state.id;
    if (state.pid > 0 && status !== 'stopped') ref.pid = state.pid;
    if (state.created !== undefined) ref.created = state.created;
    if (cgroup) ref.cgroup = cgroup;
    if (state.netnsPath !== undefined && status !== 'stopped') ref.netnsPath = state.netnsPath;
    return ref;
  }
}
