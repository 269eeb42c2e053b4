// What the CLI and server bundles share: esbuild options for the workspace sources, the build-time names the
// code reads (below), and how files are written.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every bundle is built from the sources (`@katamon/source`), for Node ≥ 20, with every dependency inlined. */
export const SOURCE_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  conditions: ['@katamon/source'],
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * The build-time names the code reads, and nothing else: `KATAMON_PROGRAM_URL` is the URL of the bundle file,
 * beside which a build keeps `native/` and `dashboard/` (packages/sysfs/src/native-addon.ts,
 * apps/server/src/routes/dashboard-assets.ts). Undefined when the code runs from its sources.
 */
export const programDefines = (programUrl) => ({ KATAMON_PROGRAM_URL: programUrl });

/** Writes `file` through a temporary name and a rename: a reader never sees half of it. */
export async function replaceFile(file, contents, mode) {
  await mkdir(dirname(file), { recursive: true });
  const staged = `${file}.${process.pid}.tmp`;
  await writeFile(staged, contents, { mode });
  await rename(staged, file);
}
