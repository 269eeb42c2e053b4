#!/usr/bin/env node
// Node 20 cannot run TypeScript: bundle the CLI (and the harness) into dist/, then run it.
// dist/ sits beside src/, so the bundle finds src/guest-helper/ the same way the sources do.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
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
  // Setup failures (no qemu, no kernel, a script that does not bundle) carry their fix in the message.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
