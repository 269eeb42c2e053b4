import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Workload {
  child: ChildProcess;
  /** Resolves when the process printed "ready" (see vm-helper.c); rejects if it exits first. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/**
 * Starts `argv` inside the cgroup `dir` before it does anything: a shell writes its own pid into
 * cgroup.procs, then execs the workload, so every page and CPU cycle of it is charged there.
 */
export function startIn(dir: string, argv: readonly string[]): Workload {
  const child = spawn('/bin/sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', dir, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready\n')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`${argv.join(' ')} exited (code ${code}, signal ${signal}) before ready: ${err.trim()}`)),
    );
  });
  ready.catch(() => undefined);
  return { child, ready, exited, stderr: () => err };
}

/** Runs `argv` inside the cgroup to completion; rejects with its stderr on a non-zero exit. */
export async function runIn(dir: string, argv: readonly string[]): Promise<string> {
  const w = startIn(dir, argv);
  const { code, signal } = await w.exited;
  if (code !== 0) throw new Error(`${argv.join(' ')} failed (code ${code}, signal ${signal}): ${w.stderr().trim()}`);
  return w.stderr();
}
