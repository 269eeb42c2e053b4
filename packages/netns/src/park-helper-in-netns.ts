import { spawn } from 'node:child_process';
import { KatamonError } from '@katamon/core';
import { netnsOfPid, sameNs, type NsId } from './find-process-in-netns.js';

/** The command that enters the namespace at `path` and then waits on stdin. */
export type EnterCommand = (path: string) => readonly string[];

export const nsenterCommand: EnterCommand = (path) => ['nsenter', `--net=${path}`, '--', 'cat'];

export interface ParkedHelper {
  pid: number;
  /** Ends the helper (closing its stdin) and waits for it to exit. */
  release(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fallback for a namespace no process is in: start a helper that joins it and parks on stdin, so its
 * /proc/<pid>/net files can be opened. They stay bound to the namespace after the helper is released, so this
 * runs once per namespace, not per sample.
 */
export async function parkHelperInNetns(
  path: string,
  ns: NsId,
  enter: EnterCommand = nsenterCommand,
  timeoutMs = 5000,
): Promise<ParkedHelper> {
  const [command, ...args] = enter(path);
  if (command === undefined) throw new KatamonError('internal', 'empty netns enter command');
  const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk.slice(0, 4096)));
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('close', () => ((exited = true), resolve()));
    child.once('error', (error) => ((stderr ||= error.message), (exited = true), resolve()));
  });
  const release = async () => {
    child.stdin.end();
    if (!exited) child.kill('SIGKILL');
    await exit;
  };
  const deadline = Date.now() + timeoutMs;
  while (child.pid === undefined || !sameNs(netnsOfPid(child.pid), ns)) {
    if (exited || Date.now() > deadline) {
      const failed = exited; // before release(), which makes every helper exit
      await release();
      const why = failed ? `exited: ${stderr.trim() || 'no message'}` : 'timed out';
      throw new KatamonError(
        failed ? 'unavailable' : 'timeout',
        `cannot enter network namespace ${path}: ${command} ${why}`,
        { path },
      );
    }
    await pause(1);
  }
  return { pid: child.pid, release };
}
