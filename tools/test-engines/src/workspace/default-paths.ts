import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { processAlive, processStartTime, processesMentioning } from '../host/processes.js';
import { findRuntimeContainers } from '../host/runc-state.js';
import { waitFor } from '../host/wait-for.js';
import type { Workspace } from './workspace.js';

/** What an engine uses when started with its defaults, and how to tell that someone else is using them. */
export interface DefaultPaths {
  engine: string;
  /** Moved aside while we own them, moved back afterwards. */
  paths: readonly string[];
  /** A daemon answering here is not ours: refuse rather than break it. */
  sockets?: readonly string[];
  /** A process naming one of these in its command line is using the defaults: refuse. */
  needles?: readonly string[];
  /** A live container here (runc state root, bundle prefix) is someone else's on the defaults: refuse. */
  containers?: readonly { root: string; bundleUnder?: string }[];
  /** How long to wait for someone else's use to end; default two minutes. */
  waitMs?: number;
}

const LOCK_DIR = '/run/lock';

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** mkdir is atomic: the lock is a directory naming its owner, the workspace's watchdog (it releases it). */
async function lock(ws: Workspace, engine: string): Promise<string> {
  const path = join(LOCK_DIR, `katamon-test-engines-${engine}.lock`);
  const owner = { pid: ws.watchdogPid, startTime: processStartTime(ws.watchdogPid) };
  await waitFor(
    `the ${engine} default paths (held by ${path})`,
    () => {
      try {
        mkdirSync(path);
        writeFileSync(join(path, 'owner'), JSON.stringify(owner));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let held: { pid: number; startTime?: string } | undefined;
        try {
          held = JSON.parse(readFileSync(join(path, 'owner'), 'utf8'));
        } catch {
          // Being written right now, unless its writer died between mkdir and write a while ago.
          const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
          if (age > 10_000) rmSync(path, { recursive: true, force: true });
          return false;
        }
        if (held && !processAlive(held.pid, held.startTime)) rmSync(path, { recursive: true, force: true });
        return false;
      }
    },
    300_000,
  );
  return path;
}

/**
 * Takes over an engine's default paths for the life of `scope`: a host-wide lock serialises the tests that
 * want them, a daemon, process or live container of someone else's on them is waited for (two minutes, then
 * an error), and what was there is moved aside and moved back by the teardown. While a test owns them,
 * whatever uses them is treated as its own. Returns the runtime states already there (`<root>/<id>`).
 */
export async function claimDefaultPaths(ws: Workspace, scope: string, claim: DefaultPaths): Promise<string[]> {
  mkdirSync(LOCK_DIR, { recursive: true });
  const existing = () => (claim.containers ?? []).flatMap((c) => findRuntimeContainers(c.root, c.bundleUnder));
  ws.record(scope, { kind: 'unlock', path: await lock(ws, claim.engine) });
  const busy = async (): Promise<string | undefined> => {
    for (const socket of claim.sockets ?? []) {
      if (await socketAnswers(socket)) return `${socket} answers`;
    }
    for (const needle of claim.needles ?? []) {
      const user = processesMentioning(needle)[0];
      if (user) return `pid ${user.pid} (${user.argv[0]}) uses ${needle.replaceAll('\0', ' ')}`;
    }
    for (const c of existing()) {
      if (processAlive(c.pid, c.startTime)) return `container ${c.root}/${c.id} runs from ${c.bundle}`;
    }
    return undefined;
  };
  // Someone else's daemon or container on the defaults: wait for it to go rather than break it.
  await waitFor(
    `the ${claim.engine} defaults to be free`,
    async () => (await busy()) === undefined,
    claim.waitMs ?? 120_000,
  ).catch(async () => {
    throw new Error(`the ${claim.engine} defaults are in use by something not started here: ${await busy()}`);
  });
  for (const path of claim.paths) {
    if (!existsSync(path)) {
      ws.record(scope, { kind: 'restore', path });
      continue;
    }
    const backup = `${path}.katamon-backup-${ws.id}`;
    ws.record(scope, { kind: 'restore', path, backup });
    renameSync(path, backup);
  }
  // Dead leftovers of someone else's: the teardown must spare them (`except` of runtime-containers).
  return existing().map((c) => join(c.root, c.id));
}
