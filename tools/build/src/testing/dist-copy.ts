import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const BUILT = join(WORKSPACE, 'dist', 'katamon');

/** A copy of dist/katamon/ in an empty directory of its own, outside the repository. */
export interface DistCopy {
  /** The copy of dist/katamon/. */
  dir: string;
  cli: string;
  server: string;
  remove(): void;
}

/** `npm run build` unless dist/katamon/ is newer than every source (what users build: tools/build/scripts). */
export function buildDist(): void {
  execFileSync(process.execPath, [join(WORKSPACE, 'tools', 'build', 'scripts', 'build.mjs'), '--if-stale'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 600_000,
  });
}

/**
 * Copies dist/katamon/ (built first when stale) into a new directory under the system's temporary directory,
 * without `without` (e.g. `native`) and without code caches. Fails when some directory above it holds a node_modules, which would let
 * a missing dependency resolve there.
 */
export function copyDist(without: readonly string[] = []): DistCopy {
  buildDist();
  const home = mkdtempSync(join(tmpdir(), 'katamon-dist-'));
  const dir = join(home, 'katamon');
  // The CLI's code caches are not part of a build: runs of dist/katamon/ write them, naming where they ran.
  const copied = (src: string) => !src.endsWith('.v8cache') && !without.some((w) => src === join(BUILT, w));
  cpSync(BUILT, dir, { recursive: true, filter: copied });
  for (let up = home; up !== parse(up).root; up = dirname(up))
    if (existsSync(join(dirname(up), 'node_modules'))) throw new Error(`${dirname(up)} has a node_modules`);
  return {
    dir,
    cli: join(dir, 'katamon.cjs'),
    server: join(dir, 'katamon-server.mjs'),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Every file of the copy that names the workspace's path (a build must not point back into the repository). */
export function filesNamingWorkspace(dir: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, entry);
    if (statSync(path).isFile() && readFileSync(path).includes(WORKSPACE)) hits.push(entry);
  }
  return hits;
}
