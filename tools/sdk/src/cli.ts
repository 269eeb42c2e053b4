import { resolve } from 'node:path';
import { packPackages } from './pack-packages.js';
import { EXAMPLE_PLUGIN, SDK_PACKAGES, WORKSPACE } from './sdk-packages.js';

/** `pack-sdk [out-dir] [--with-example]`: the SDK's tarballs into out-dir (default `dist/sdk`). */
export async function main(args: readonly string[]): Promise<number> {
  const withExample = args.includes('--with-example');
  const [outArg] = args.filter((a) => !a.startsWith('--'));
  const outDir = resolve(outArg ?? resolve(WORKSPACE, 'dist', 'sdk'));
  const packages = withExample ? [...SDK_PACKAGES, EXAMPLE_PLUGIN] : SDK_PACKAGES;
  const packed = await packPackages(packages, outDir);
  for (const p of Object.values(packed)) process.stdout.write(`${p.tarball}\n`);
  return 0;
}
