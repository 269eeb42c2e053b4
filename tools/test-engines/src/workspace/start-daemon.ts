import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive, processStartTime } from '../host/processes.js';
import { waitFor } from '../host/wait-for.js';
import type { Workspace } from './workspace.js';

export interface DaemonOptions {
  /** Names the log file and the cleanup step. */
  name: string;
  argv: readonly string[];
  /** Answers true once the daemon serves requests. */
  ready: () => Promise<boolean>;
  /** How long TERM may take before the teardown KILLs; default 10 s. */
  graceMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface Daemon {
  readonly pid: number;
  readonly logPath: string;
  /** The last lines of the daemon's log, for error messages. */
  logTail(lines?: number): string;
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts a daemon in its own session (a Ctrl-C for the test runner is not for it), logging to a file in the
 * workspace, and records it for the teardown before waiting for it to answer.
 */
export async function startDaemon(ws: Workspace, scope: string, options: DaemonOptions): Promise<Daemon> {
  const [file, ...args] = options.argv;
  if (!file) throw new RangeError('startDaemon needs a command');
  const logPath = join(ws.subdir('logs'), `${options.name}.log`);
  const log = openSync(logPath, 'a');
  const child = spawn(file, args, { detached: true, stdio: ['ignore', log, log], env: options.env ?? process.env });
  closeSync(log);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${file}: ${(await spawnError).message}`);
  const startTime = processStartTime(pid) ?? '';
  ws.record(scope, { kind: 'process', pid, startTime, name: options.name, graceMs: options.graceMs ?? 10_000 });
  const logTail = (lines = 20) => tail(logPath, lines);
  await waitFor(`${options.name} to answer`, async () => {
    if (!processAlive(pid, startTime)) throw new Error(`${options.name} exited:\n${logTail()}`);
    return options.ready();
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${logTail()}`);
  });
  return { pid, logPath, logTail };
}
