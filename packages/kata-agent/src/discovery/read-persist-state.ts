import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { KataAgentError } from '../errors/kata-agent-error.js';

/** persist.json is a few KiB; anything far larger is not a runtime state file. */
const MAX_PERSIST_BYTES = 8 << 20;

/** The keys katamon reads from a sandbox's persist.json (Go runtime `SandboxState`, kata-agent-protocol §3.6). */
export interface SandboxPersistState {
  state?: string;
  agentUrl?: string;
  containerIds: string[];
  netnsPath?: string;
}

/** Reads a JSON state file without following a symlink out of the state root; undefined when absent or a symlink. */
export async function readStateJson(path: string): Promise<unknown> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A symlink (ELOOP under O_NOFOLLOW) could lead out of the state root: read as absent, never followed.
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return undefined;
    if (code === 'EACCES' || code === 'EPERM')
      throw new KataAgentError('permission-denied', `cannot read ${path} (root only)`, { path, cause: err });
    throw new KataAgentError('io', `cannot read ${path}: ${(err as Error).message}`, { path, cause: err });
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_PERSIST_BYTES)
      throw new KataAgentError('parse', `${path} is larger than ${MAX_PERSIST_BYTES} bytes`, { path });
    const text = await handle.readFile('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new KataAgentError('parse', `${path}: ${(err as Error).message}`, { path, cause: err });
    }
  } finally {
    await handle.close();
  }
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.hasOwn(obj, key)
    ? (obj as Record<string, unknown>)[key]
    : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Picks the sandbox keys out of untrusted JSON; wrong types read as absent. */
export function sandboxPersistState(json: unknown): SandboxPersistState {
  const configs = field(field(json, 'Config'), 'ContainerConfigs');
  const containerIds = Array.isArray(configs)
    ? configs.map((c) => str(field(c, 'ID'))).filter((id): id is string => id !== undefined)
    : [];
  const out: SandboxPersistState = { containerIds };
  const state = str(field(json, 'State'));
  if (state !== undefined) out.state = state;
  const agentUrl = str(field(field(json, 'AgentState'), 'URL'));
  if (agentUrl !== undefined) out.agentUrl = agentUrl;
  // NetworkInfo.NetworkID holds the sandbox's host netns path.
  const netns = str(field(field(json, 'Network'), 'NetworkID'));
  if (netns?.startsWith('/') === true) out.netnsPath = netns;
  return out;
}

/** `State` of a container's persist.json (`ContainerState`). */
export function containerPersistState(json: unknown): string | undefined {
  return str(field(json, 'State'));
}
