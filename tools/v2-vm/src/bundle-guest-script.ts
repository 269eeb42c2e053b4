import { build } from 'esbuild';
import { join } from 'node:path';
import { PACKAGE_DIR } from './package-dir.js';

/** The workspace's node_modules, so a guest script outside the repo still resolves @katamon/* packages. */
const WORKSPACE_MODULES = join(PACKAGE_DIR, '../../node_modules');

/**
 * Bundles a guest entry (TypeScript) into one ESM file for the guest's node. Workspace packages resolve
 * to their sources through the `@katamon/source` condition, as in the tests, so no build is needed.
 */
export async function bundleGuestScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@katamon/source'],
    nodePaths: [WORKSPACE_MODULES],
    logLevel: 'silent',
    // A CommonJS dependency calling require() inside an ESM bundle needs one.
    banner: {
      js: "import { createRequire as __katamonRequire } from 'node:module'; const require = __katamonRequire(import.meta.url);",
    },
  }).catch((error: Error) => {
    throw new Error(`cannot bundle the guest script ${entry}: ${error.message}`);
  });
  const [out] = result.outputFiles;
  if (!out) throw new Error(`esbuild produced nothing for ${entry}`);
  return out.text;
}
