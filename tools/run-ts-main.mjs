// Node 20 cannot run TypeScript: a tool's bin bundles its `src/cli.ts` (workspace packages from their sources)
// into the tool's `dist/cli.mjs`, then runs its `main(args)`, whose result is the exit status.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * @param {string} binUrl the bin's `import.meta.url` (the tool is the folder above `bin/`)
 * @param {number} failureStatus the exit status when `main` throws: its message, which carries the fix, is printed
 */
export async function runTsMain(binUrl, failureStatus) {
  const root = fileURLToPath(new URL('..', binUrl));
  const outfile = `${root}dist/cli.mjs`;
  await build({
    entryPoints: [`${root}src/cli.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    conditions: ['@katamon/source'],
    outfile,
    logLevel: 'warning',
  });
  const { main } = await import(pathToFileURL(outfile).href);
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = failureStatus;
  }
}
