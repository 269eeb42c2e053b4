import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What `npm run build` makes, and what the e2e tests run: what users run. */
export const DIST = join(workspace, 'dist', 'katamon');
export const KATAMON_BIN = join(DIST, 'katamon.cjs');
export const SERVER_BIN = join(DIST, 'katamon-server.mjs');

/** Runs the build (tools/build) unless dist/katamon/ is newer than every source; returns its directory. */
export function ensureDist(): string {
  execFileSync(process.execPath, [join(workspace, 'tools', 'build', 'scripts', 'build.mjs'), '--if-stale'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return DIST;
}
