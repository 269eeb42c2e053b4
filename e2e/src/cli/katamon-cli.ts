import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The bundled CLI the e2e tests run: what users run. */
export const KATAMON_BUNDLE = join(workspace, 'apps', 'cli', 'dist', 'katamon.cjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the bundle (`npm run bundle -w @katamon/cli`) when it is missing or older than any source. */
export function ensureBundle(): string {
  const sources = ['apps/cli/src', 'apps/cli/scripts', 'packages'].map((d) => join(workspace, d));
  const stale =
    !existsSync(KATAMON_BUNDLE) || statSync(KATAMON_BUNDLE).mtimeMs < Math.max(...sources.map(newestSource));
  if (stale)
    execFileSync(process.execPath, [join(workspace, 'apps', 'cli', 'scripts', 'bundle.mjs')], { stdio: 'pipe' });
  return KATAMON_BUNDLE;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Starts the bundled CLI (in `cwd`, default this process's); stdout/stderr are collected as they come. */
export function startKatamon(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): { child: ChildProcess; result: Promise<CliResult>; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, [KATAMON_BUNDLE, ...args], {
    ...(cwd === undefined ? {} : { cwd }),
    env: { PATH: process.env.PATH, ...env },
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
