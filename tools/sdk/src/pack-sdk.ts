import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packPackages, type PackedPackages } from './pack-packages.js';
import { EXAMPLE_PLUGIN, SDK_PACKAGES, WORKSPACE, type PublishedPackage } from './sdk-packages.js';

const SKIPPED = new Set(['node_modules', 'dist', 'out-tsc', 'test-output', 'coverage']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A digest of everything a pack reads: the packages' files, the compiler settings, this tool. */
export function packInputsDigest(packages: readonly PublishedPackage[]): string {
  const hash = createHash('sha256');
  const files = [
    ...packages.flatMap((pkg) => filesUnder(join(WORKSPACE, pkg.dir))),
    join(WORKSPACE, 'tsconfig.base.json'),
    ...filesUnder(join(WORKSPACE, 'tools', 'sdk', 'src')),
  ];
  for (const file of files.sort())
    hash.update(relative(WORKSPACE, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Where packs are kept, by digest of their inputs (git-ignored). */
export const PACK_CACHE = join(WORKSPACE, 'tmp', 'sdk-packs');

/**
 * The SDK and the example plugin as tarballs, packed once per version of their inputs: test files running at the
 * same time share one pack (a pack is made in a folder of its own and renamed into place; the first one there
 * wins), and a run with unchanged packages reuses the last.
 */
export async function packSdkCached(
  packages: readonly PublishedPackage[] = [...SDK_PACKAGES, EXAMPLE_PLUGIN],
): Promise<PackedPackages> {
  const dir = join(PACK_CACHE, packInputsDigest(packages));
  const index = join(dir, 'packed.json');
  if (!existsSync(index)) {
    const building = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    const packed = await packPackages(packages, building);
    // Paths recorded relative to the folder, which is renamed.
    for (const p of Object.values(packed)) p.tarball = relative(building, p.tarball);
    await writeFile(join(building, 'packed.json'), JSON.stringify(packed, null, 2));
    await mkdir(PACK_CACHE, { recursive: true });
    await rename(building, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(building, { recursive: true, force: true });
    });
  }
  const packed = JSON.parse(await readFile(index, 'utf8')) as PackedPackages;
  for (const p of Object.values(packed)) p.tarball = join(dir, p.tarball);
  return packed;
}
