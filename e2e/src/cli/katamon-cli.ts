import { spawn, type ChildProcess } from 'node:child_process';
import { ensureDist, KATAMON_BIN } from '../katamon-dist.js';

/** The CLI of dist/katamon/ the e2e tests run: what users run. */
export const KATAMON_BUNDLE = KATAMON_BIN;

/** Builds dist/katamon/ (`npm run build`) when it is missing or older than any source; the CLI's bin. */
export function ensureBundle(): string {
  ensureDist();
  return KATAMON_BUNDLE;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Starts the bundled CLI (in `cwd`, default this process's); stdout/stderr are collected as they come. Discovery
 * is off (`KATAMON_DISCOVER=none`) unless `env` says otherwise: a test sees the roots it gave, never the host's
 * other engines' containers.
 */
export function startKatamon(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): { child: ChildProcess; result: Promise<CliResult>; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, [KATAMON_BUNDLE, ...args], {
    ...(cwd === undefined ? {} : { cwd }),
    env: { PATH: process.env.PATH, KATAMON_DISCOVER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const result = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
  });
  return { child, result, stdout: () => stdout, stderr: () => stderr };
}

/** Runs the bundled CLI to completion. */
export function runKatamon(args: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string): Promise<CliResult> {
  return startKatamon(args, env, cwd).result;
}

/** Resolves once `predicate(stdout)` holds, polling. */
export async function waitForOutput(
  read: () => string,
  predicate: (text: string) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(read())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for output; got ${JSON.stringify(read().slice(0, 500))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
