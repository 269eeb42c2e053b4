import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerRef, ContainerResolver, ContainerStatus } from '@katamon/core';
import { isValidContainerId, KatamonError, namesOf, validateContainerId } from '@katamon/core';
import { parseAgentUrl } from '../transport/agent-url.js';
import { fetchShimAgentUrl } from './fetch-shim-agent-url.js';
import { KataIdentities } from './kata-identities.js';
import {
  containerPersistState,
  readStateJson,
  sandboxPersistState,
  type SandboxPersistState,
} from './read-persist-state.js';

export const KATA_RESOLVER = 'kata';
export const DEFAULT_KATA_ROOT = '/run/vc/sbs';
export const DEFAULT_KATA_SHIM_ROOT = '/run/kata';
const SHIM_SOCKET = 'shim-monitor.sock';
const PREFIX_LIMIT = 64;

export interface KataResolverOptions {
  /** Go runtime sandbox stores (`/run/vc/sbs`); several for side-by-side runtimes. */
  roots?: readonly string[];
  /** runtime-rs sandbox dirs holding only the shim socket (`/run/kata`). */
  shimRoots?: readonly string[];
  shimTimeoutMs?: number;
  /** containerd's `--state`, where the bundles of Kata containers run by containerd are (default /run/containerd). */
  containerdState?: string;
}

interface Candidate {
  id: string;
  sandboxId: string;
  /** runtime-rs root of the sandbox's shim directory. */
  shimRoot?: string;
  /** Directory of the sandbox in the Go store, when it has one. */
  stateDir?: string;
  persist?: SandboxPersistState;
}

/** Names usable as ids; anything else in a state root (odd names, dotfiles) is not a sandbox or container. */
const validId = isValidContainerId;

/** Real subdirectories only: Dirent.isDirectory() does not follow symlinks, so nothing leads out of the root. */
async function subdirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && validId(e.name))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new KatamonError(
      code === 'EACCES' ? 'permission-denied' : 'io',
      `cannot list ${dir}: ${(err as Error).message}`,
      { path: dir, cause: err },
    );
  }
}

/** A state file being rewritten or corrupt reads as absent: one odd sandbox must not hide the others. */
async function readStateLenient(path: string): Promise<unknown> {
  try {
    return await readStateJson(path);
  } catch (err) {
    if ((err as { kind?: unknown }).kind === 'parse') return undefined;
    throw err;
  }
}

async function isSocket(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isSocket();
  } catch {
    return false;
  }
}

function status(state: string | undefined): ContainerStatus {
  switch (state) {
    case 'running':
      return 'running';
    case 'ready':
      return 'created';
    case 'paused':
      return 'paused';
    case 'stopped':
      return 'stopped';
    default:
      return 'unknown';
  }
}

/**
 * Kata containers by sandbox: `<root>/<sandbox>/` (persist.json, one directory per container, the pause
 * container's id equals the sandbox's) and `<shimRoot>/<sandbox>/` (runtime-rs). The agent URL comes from the
 * shim (`GET /agent-url`), falling back to persist.json's `AgentState.URL`.
 */
export function createKataResolver(options: KataResolverOptions = {}): ContainerResolver {
  const roots = options.roots ?? [DEFAULT_KATA_ROOT];
  const shimRoots = options.shimRoots ?? [DEFAULT_KATA_SHIM_ROOT];
  const shimTimeoutMs = options.shimTimeoutMs ?? 3_000;
  const identities = new KataIdentities(options.containerdState);

  async function sandboxCandidates(root: string, sandboxId: string): Promise<Candidate[]> {
    const stateDir = join(root, sandboxId);
    const json = await readStateLenient(join(stateDir, 'persist.json'));
    const persist = json === undefined ? undefined : sandboxPersistState(json);
    const ids = new Set([sandboxId, ...(await subdirs(stateDir)), ...(persist?.containerIds.filter(validId) ?? [])]);
    return [...ids].map((id) => ({ id, sandboxId, stateDir, ...(persist === undefined ? {} : { persist }) }));
  }

  async function candidates(): Promise<Candidate[]> {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const root of roots) {
      const sandboxes = (await subdirs(root)).filter((id) => !seen.has(id));
      for (const id of sandboxes) seen.add(id);
      out.push(...(await Promise.all(sandboxes.map((id) => sandboxCandidates(root, id)))).flat());
    }
    for (const shimRoot of shimRoots) {
      for (const sandboxId of await subdirs(shimRoot)) {
        if (seen.has(sandboxId) || !(await isSocket(join(shimRoot, sandboxId, SHIM_SOCKET)))) continue;
        seen.add(sandboxId);
        out.push({ id: sandboxId, sandboxId, shimRoot });
      }
    }
    return out;
  }

  async function agentUrl(c: Candidate): Promise<string | undefined> {
    // The Go shim's socket sits in the sandbox dir; runtime-rs's under /run/kata (clients try both, in this order).
    const sockets = [
      ...(c.stateDir === undefined ? [] : [join(c.stateDir, SHIM_SOCKET)]),
      ...(c.shimRoot === undefined ? shimRoots : [c.shimRoot]).map((r) => join(r, c.sandboxId, SHIM_SOCKET)),
    ];
    for (const socket of sockets) {
      if (!(await isSocket(socket))) continue;
      try {
        const url = await fetchShimAgentUrl(socket, shimTimeoutMs);
        parseAgentUrl(url); // the shim is a peer: only a well-formed URL is used
        return url;
      } catch {
        // a dead shim: try the next socket, then persist.json
      }
    }
    return c.persist?.agentUrl;
  }

  async function toRef(c: Candidate, urls: Map<string, Promise<string | undefined>>): Promise<ContainerRef> {
    let url = urls.get(c.sandboxId);
    if (url === undefined) {
      url = agentUrl(c);
      urls.set(c.sandboxId, url);
    }
    const containerState =
      c.stateDir === undefined || c.id === c.sandboxId
        ? undefined
        : containerPersistState(await readStateLenient(join(c.stateDir, c.id, 'persist.json')));
    const agent = await url;
    const netnsPath = c.persist?.netnsPath;
    return {
      id: c.id,
      runtime: 'kata',
      resolver: KATA_RESOLVER,
      status: status(containerState ?? c.persist?.state ?? (agent === undefined ? undefined : 'running')),
      ...(netnsPath === undefined ? {} : { netnsPath }),
      sandbox: {
        id: c.sandboxId,
        ...(agent === undefined ? {} : { agentUrl: agent }),
        ...(netnsPath === undefined ? {} : { netnsPath }),
        ...(c.stateDir === undefined ? {} : { stateDir: c.stateDir }),
      },
      identity: identities.identify(c.id, c.sandboxId),
      labels: { 'io.katacontainers.sandbox': c.sandboxId },
    };
  }

  async function refs(filter: (c: Candidate) => boolean): Promise<ContainerRef[]> {
    const urls = new Map<string, Promise<string | undefined>>();
    const chosen = (await candidates()).filter(filter);
    const unique = [...new Map(chosen.map((c) => [c.id, c])).values()];
    return (await Promise.all(unique.map((c) => toRef(c, urls)))).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }

  return {
    name: KATA_RESOLVER,
    async match(query: string): Promise<ContainerRef[]> {
      validateContainerId(query);
      const prefix = query.length < PREFIX_LIMIT;
      return refs((c) => c.id === query || (prefix && c.id.startsWith(query)));
    },
    list: () => refs(() => true),
    // Names come from the bundles, so only the containers that carry the name ask their shim for the agent.
    async matchName(name: string): Promise<ContainerRef[]> {
      validateContainerId(name);
      return refs((c) => namesOf({ identity: identities.identify(c.id, c.sandboxId) }).includes(name));
    },
    async refresh(ref: ContainerRef): Promise<ContainerRef | undefined> {
      const found = await refs((c) => c.id === ref.id);
      return found.find((r) => r.sandbox?.id === ref.sandbox?.id) ?? found[0];
    },
  };
}
