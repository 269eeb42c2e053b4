#!/usr/bin/env node
// Builds native/build/Release/katamon_sysfs.node (the batched-read addon) with node-gyp, offline: the
// headers come with the running Node. `--if-possible` (npm's postinstall) only warns when there is no C
// compiler; readers then use readSync, which gives the same bytes for more CPU.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const native = join(dirname(fileURLToPath(import.meta.url)), '..', 'native');
const lenient = process.argv.includes('--if-possible');
try {
  const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  const nodedir = join(dirname(process.execPath), '..');
  const args = [nodeGyp, 'rebuild', '--silent'];
  if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodedir}`);
  execFileSync(process.execPath, args, { cwd: native, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
} catch (error) {
  const detail = String(error instanceof Error && 'stderr' in error ? error.stderr : error).trim().split('\n').slice(-3).join(' | ');
  if (!lenient) {
    process.stderr.write(`cannot build the katamon_sysfs addon: ${detail}\n`);
    process.exit(1);
  }
  process.stderr.write(`katamon: batched reads addon not built (readers use readSync): ${detail}\n`);
}
