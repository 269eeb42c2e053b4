import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { WORKSPACE, type PackedPackages } from '@katamon/sdk-tools';

/**
 * The environment of a user's shell: none of the variables an enclosing `npm test` or vitest sets. (npm's
 * `npm_config_local_prefix` alone would make a nested `npm install` install into the workspace.)
 */
export function outsideEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'USER', 'SHELL'];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    CI: '1',
    // What the repository already installed is in npm's cache: use it without asking the registry again.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** A fresh directory outside the repository (no `node_modules` of the workspace above it). */
export function outsideDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const rel = relative(realpathSync(WORKSPACE), dir);
  if (!rel.startsWith('..')) throw new Error(`${dir} is inside the repository`);
  return dir;
}

/** Runs a command as a user would in `cwd`; throws with its output when it fails. */
export function sh(command: string, args: readonly string[], cwd: string, timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, env: outsideEnv(), timeout: timeoutMs, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error === null) return resolve(stdout);
        reject(new Error(`${command} ${args.join(' ')} in ${cwd} failed (${error.message}):\n${stdout}\n${stderr}`));
      },
    );
  });
}

/** Durations of the steps, to print: CI time matters. */
export class StepTimer {
  readonly steps: [string, number][] = [];

  async time<T>(step: string, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await run();
    } finally {
      this.steps.push([step, performance.now() - start]);
    }
  }

  report(title: string): string {
    const total = this.steps.reduce((sum, [, ms]) => sum + ms, 0);
    const lines = this.steps.map(([step, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${step}`);
    return `${title}: ${(total / 1000).toFixed(1)} s\n${lines.join('\n')}`;
  }
}

/** A tarball of the pack, by package name; fails loudly when the pack lacks it. */
export function tarball(packed: PackedPackages, name: string): string {
  const found = packed[name];
  if (found === undefined) throw new Error(`the SDK pack has no ${name} (has ${Object.keys(packed).join(', ')})`);
  return found.tarball;
}

/**
 * Installs tarballs into a new folder outside the repository, the way a user installs plugins for katamon
 * (`npm install <plugin>`, which brings its peer `@katamon/core`): the folder to run katamon from.
 */
export async function installSite(prefix: string, tarballs: readonly string[]): Promise<string> {
  const site = outsideDir(prefix);
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'katamon-site', private: true }));
  await sh('npm', ['install', ...tarballs], site);
  return site;
}
