#!/usr/bin/env node
// Builds native/build/Release/katamon_sysfs.node (the batched-read addon) with node-gyp, offline: the
// headers come with the running Node. The build runs in a temporary copy and the result is renamed into
// place, so a process loading the addon meanwhile never sees a half-written or missing file.
// `--if-possible` (npm's postinstall) only warns when there is no C compiler; readers then use readSync,
// which gives the same bytes for more CPU. `--if-missing` does nothing when the addon is built and newer
// than its sources.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const native = join(dirname(fileURLToPath(import.meta.url)), '..', 'native');
const target = join(native, 'build', 'Release', 'katamon_sysfs.node');
const SOURCES = ['pread_batch.c', 'ring.c', 'ring.h', 'binding.gyp'];
const lenient = process.argv.includes('--if-possible');
const current = () => {
  const built = statSync(target).mtimeMs;
  return SOURCES.every((file) => statSync(join(native, file)).mtimeMs <= built);
};
if (process.argv.includes('--if-missing') && existsSync(target) && current()) process.exit(0);
const work = mkdtempSync(join(tmpdir(), 'katamon-sysfs-native-'));
try {
  for (const file of SOURCES) cpSync(join(native, file), join(work, file));
  const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  const nodedir = join(dirname(process.execPath), '..');
  const args = [nodeGyp, 'rebuild', '--silent'];
  if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodedir}`);
  execFileSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  mkdirSync(dirname(target), { recursive: true });
  const staged = `${target}.${process.pid}.tmp`;
  copyFileSync(join(work, 'build', 'Release', 'katamon_sysfs.node'), staged);
  renameSync(staged, target);
} catch (error) {
  const detail = String(error instanceof Error && 'stderr' in error ? error.stderr : error)
    .trim()
    .split('\n')
    .slice(-3)
    .join(' | ');
  if (!lenient) {
    process.stderr.write(`cannot build the katamon_sysfs addon: ${detail}\n`);
    process.exit(1);
  }
  process.stderr.write(`katamon: batched reads addon not built (readers use readSync): ${detail}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
