import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { PACKAGE_DIR } from './package-dir.js';

/** The workspace's node_modules, so a guest script outside the repo still resolves @katamon/* packages. */
const WORKSPACE_MODULES = join(PACKAGE_DIR, '../../node_modules');

/** What to bundle: a file, or a generated module resolved as if it sat in `resolveDir`. */
export type GuestEntry = string | { contents: string; resolveDir: string; name: string };

/**
 * Bundles a guest entry (TypeScript) into one ESM file for the guest's node. Workspace packages resolve
 * to their sources through the `@katamon/source` condition, as in the tests, so no build is needed.
 * `alias` swaps modules (the spec runner stands in for `vitest`).
 */
export async function bundleGuestScript(entry: GuestEntry, alias: Record<string, string> = {}): Promise<string> {
  const input: BuildOptions =
    typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, sourcefile: entry.name, loader: 'ts' } };
  const name = typeof entry === 'string' ? entry : entry.name;
  const result = await build({
    ...input,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@katamon/source'],
    nodePaths: [WORKSPACE_MODULES],
    alias,
    logLevel: 'silent',
    // A CommonJS dependency calling require() inside an ESM bundle needs one.
    banner: {
      js: "import { createRequire as __katamonRequire } from 'node:module'; const require = __katamonRequire(import.meta.url);",
    },
  }).catch((error: Error) => {
    throw new Error(`cannot bundle the guest script ${name}: ${error.message}`);
  });
  const [out] = result.outputFiles ?? [];
  if (!out) throw new Error(`esbuild produced nothing for ${name}`);
  return out.text;
}
