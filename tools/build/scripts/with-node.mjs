#!/usr/bin/env node
// The Node versions katamon supports, and a way to run anything under one of them:
//   node tools/build/scripts/with-node.mjs 24 -- npx nx run-many -t test
// runs the command with Node 24 first on PATH. Node 22 and 24 come from the npm registry's `node` package
// (`npx -p node@24`: a binary in a registry package, cached by npm after the first use).
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Node majors katamon supports and tests (package.json engines: >= 20.19). */
export const SUPPORTED_NODE_MAJORS = [20, 22, 24];

/** The path of a Node binary of major `major`: this one when it is, else the registry's `node@<major>`. */
export function nodeBinary(major) {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const path = execFileSync(
    'npm',
    ['exec', '--yes', '--package', `node@${major}`, '--', 'node', '-p', 'process.execPath'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    },
  ).trim();
  const version = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  if (Number(version.split('.')[0]) !== major) throw new Error(`node@${major} gave Node ${version} (${path})`);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const major = Number(process.argv[2]);
  const dash = process.argv.indexOf('--');
  if (!SUPPORTED_NODE_MAJORS.includes(major) || dash < 0 || dash === process.argv.length - 1) {
    process.stderr.write(`usage: with-node.mjs <${SUPPORTED_NODE_MAJORS.join('|')}> -- <command> [args…]\n`);
    process.exit(2);
  }
  const bin = dirname(nodeBinary(major));
  const [command, ...args] = process.argv.slice(dash + 1);
  const run = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  process.exit(run.status ?? 1);
}
