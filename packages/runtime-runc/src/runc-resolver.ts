import type { ContainerIdentity, ContainerRef, ContainerResolver } from '@katamon/core';
import { boundIdentity, namesOf, validateContainerId } from '@katamon/core';
import { cgroupPathsOf } from './cgroup-paths-of.js';
import { decideStatus } from './decide-status.js';
import { annotationsOf, type EngineProfile, type StateFacts } from './engines/engine-profile.js';
import { crunProfile, runcProfile } from './engines/runc-engine.js';
import { IdentityCache } from './identity-cache.js';
import { parseCrunStatus, parseRuncState } from './parse-runc-state.js';
import type { RuncState } from './runc-state.js';
import { listStateIds, readStateFile, type StateFile, type StateRoot } from './state-root.js';

/** Ids of this length or more are full ids: exact lookup only (openEuler's rule). */
export const FULL_ID_LENGTH = 64;

export interface RuncResolverOptions {
  /** State roots, searched in order; a function is asked again at each lookup (containerd's namespaces come and go). */
  roots: readonly StateRoot[] | (() => readonly StateRoot[]);
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

/** runc records `bundle=<dir>` last, after the annotations (a user annotation may also be named `bundle`). */
function bundleOf(state: RuncState): string | undefined {
  const labels = state.labels;
  const last = labels?.[labels.length - 1];
  return last?.startsWith('bundle=') ? last.slice(7) : state.bundle;
}

function identify(root: StateRoot, id: string, found: StateFile, state: RuncState): ContainerIdentity {
  const facts: StateFacts = { id, root, stateDir: found.dir, annotations: annotationsOf(state.labels) };
  const bundle = bundleOf(state);
  if (bundle !== undefined) facts.bundle = bundle;
  if (state.created !== undefined) facts.created = state.created;
  const fallback = found.format === 'crun' ? crunProfile : runcProfile;
  const profile: EngineProfile = (root.engines ?? []).find((e) => e.claims(facts)) ?? fallback;
  try {
    return profile.identify(facts);
  } catch (error) {
    // Profiles report their files' problems as issues; anything else is still not worth hiding the container.
    const message = error instanceof Error ? error.message : String(error);
    return boundIdentity({ engine: profile.engine, namespace: root.namespace, issues: [message] }, profile.engine);
  }
}

/** A container's state file, parsed, and its identity. */
interface Read {
  found: StateFile;
  state: RuncState;
  identity: ContainerIdentity;
}

/** A {@link ContainerResolver} over runc/crun state directories, naming each container after its engine's files. */
export class RuncResolver implements ContainerResolver {
  readonly name: string;
  private readonly roots: () => readonly StateRoot[];
  private readonly cgroupRoot: string;
  private readonly procRoot: string;
  private readonly identities = new IdentityCache();

  constructor(options: RuncResolverOptions) {
    this.name = options.name ?? 'runc';
    const roots = options.roots;
    this.roots = typeof roots === 'function' ? roots : () => roots;
    this.cgroupRoot = options.cgroupRoot ?? '/sys/fs/cgroup';
    this.procRoot = options.procRoot ?? '/proc';
  }

  async match(query: string): Promise<ContainerRef[]> {
    validateContainerId(query);
    const refs: ContainerRef[] = [];
    for (const root of this.roots()) {
      const ids =
        query.length >= FULL_ID_LENGTH ? [query] : (await listStateIds(root.path)).filter((id) => id.startsWith(query));
      for (const id of ids) {
        const ref = await this.load(root, id);
        if (ref) refs.push(ref);
      }
    }
    return refs;
  }

  /** One lookup per root (no listing): what a lookup by exact id costs. */
  async matchExact(id: string): Promise<ContainerRef[]> {
    validateContainerId(id);
    const refs: ContainerRef[] = [];
    for (const root of this.roots()) {
      const ref = await this.load(root, id);
      if (ref) refs.push(ref);
    }
    return refs;
  }

  /** Containers named `name`: every state file is read for its identity, but only the matches are fully loaded. */
  async matchName(name: string): Promise<ContainerRef[]> {
    validateContainerId(name);
    const refs: ContainerRef[] = [];
    for (const root of this.roots()) {
      for (const id of await listStateIds(root.path)) {
        let read: Read | undefined;
        try {
          read = await this.read(root, id);
        } catch {
          continue; // an unreadable container has no name to match; list() reports it
        }
        if (read !== undefined && namesOf(read).includes(name)) refs.push(await this.build(root, id, read));
      }
    }
    return refs;
  }

  /** Every container; one whose state cannot be read is listed with status `unknown` and the error as a label. */
  async list(): Promise<ContainerRef[]> {
    const refs: ContainerRef[] = [];
    const seen = new Set<string>();
    for (const root of this.roots()) {
      for (const id of await listStateIds(root.path)) {
        seen.add(`${root.path}/${id}`);
        try {
          const ref = await this.load(root, id);
          if (ref) refs.push(ref);
        } catch (error) {
          refs.push(this.unreadable(root, id, error));
        }
      }
    }
    this.identities.retain(seen);
    return refs;
  }

  async refresh(ref: ContainerRef): Promise<ContainerRef | undefined> {
    const all = this.roots();
    const roots = all.filter((r) => r.path === ref.labels?.['root']);
    for (const root of roots.length > 0 ? roots : all) {
      const fresh = await this.load(root, ref.id);
      if (fresh) return fresh;
    }
    return undefined;
  }

  private unreadable(root: StateRoot, id: string, error: unknown): ContainerRef {
    const message = error instanceof Error ? error.message : String(error);
    const engine = root.engines?.[root.engines.length - 1]?.engine ?? root.runtime;
    return {
      id,
      runtime: root.runtime,
      resolver: this.name,
      status: 'unknown',
      identity: boundIdentity({ engine, namespace: root.namespace }, root.runtime),
      labels: { root: root.path, error: message },
    };
  }

  private async load(root: StateRoot, id: string): Promise<ContainerRef | undefined> {
    const read = await this.read(root, id);
    return read === undefined ? undefined : this.build(root, id, read);
  }

  /** The state file and the container's identity (cached): what a name lookup needs of every container. */
  private async read(root: StateRoot, id: string): Promise<Read | undefined> {
    const found = await readStateFile(root.path, id);
    if (!found) return undefined;
    const state =
      found.format === 'runc' ? parseRuncState(found.text, found.file) : parseCrunStatus(found.text, found.file, id);
    const identity = this.identities.get(found.dir, state.created, () => identify(root, id, found, state));
    return { found, state, identity };
  }

  private async build(root: StateRoot, id: string, { found, state, identity }: Read): Promise<ContainerRef> {
    const cgroup = await cgroupPathsOf(state, this.cgroupRoot, found.file);
    const status = await decideStatus({
      pid: state.pid,
      startTime: state.startTime,
      stateDir: found.dir,
      cgroup,
      procRoot: this.procRoot,
    });
    const runtime = found.format === 'crun' ? 'crun' : root.runtime;
    const labels: Record<string, string> = { root: root.path, stateFile: found.file };
    const bundle = bundleOf(state);
    if (bundle !== undefined) labels['bundle'] = bundle;
    // The state's own id is authoritative only when it agrees with the directory name.
    const ref: ContainerRef = { id, runtime, resolver: this.name, status, identity, labels };
    if (state.id !== id) labels['stateId'] = state.id;
    if (state.pid > 0 && status !== 'stopped') ref.pid = state.pid;
    if (state.created !== undefined) ref.created = state.created;
    if (cgroup) ref.cgroup = cgroup;
    if (state.netnsPath !== undefined && status !== 'stopped') ref.netnsPath = state.netnsPath;
    return ref;
  }
}
