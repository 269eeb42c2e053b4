import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { compilePackage } from './compile-package.js';
import { publishManifest } from './publish-manifest.js';
import { WORKSPACE, type PublishedPackage } from './sdk-packages.js';

const run = promisify(execFile);

/** This environment without what an enclosing npm run sets (its prefix, its workspace): npm packs the stage. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** The paths inside the tarball (without the `package/` prefix). */
  files: string[];
}

/** The tarballs, by package name. */
export type PackedPackages = Record<string, PackedPackage>;

async function manifestOf(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(WORKSPACE, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * Builds and packs each package the way it ships: compiled from its sources into a staging folder outside the
 * workspace, with its README, LICENSE and listed files, and the package.json a user installs
 * ({@link publishManifest}); then `npm pack` makes the tarball in `outDir`. `@katamon/core` is compiled first:
 * the others are type-checked against its compiled `.d.ts`, as their users will be.
 */
export async function packPackages(packages: readonly PublishedPackage[], outDir: string): Promise<PackedPackages> {
  const scratch = await mkdtemp(join(tmpdir(), 'katamon-sdk-pack-'));
  try {
    await mkdir(outDir, { recursive: true });
    const staged = await Promise.all(
      packages.map(async (pkg) => ({
        pkg,
        manifest: await manifestOf(pkg.dir),
        stage: join(scratch, basename(pkg.dir)),
      })),
    );
    const core = staged.filter((s) => s.manifest['name'] === '@katamon/core');
    const compiled: Record<string, string> = {};
    for (const group of [core, staged.filter((s) => !core.includes(s))]) {
      await Promise.all(group.map((s) => compilePackage(s.pkg.dir, join(s.stage, 'dist'), scratch, compiled)));
      for (const s of group) compiled[s.manifest['name'] as string] = s.stage;
    }
    const packed: PackedPackages = {};
    for (const { pkg, manifest, stage } of staged) {
      for (const file of ['README.md', 'LICENSE', ...pkg.copy]) {
        await cp(join(WORKSPACE, pkg.dir, file), join(stage, file), { recursive: true });
      }
      await writeFile(join(stage, 'package.json'), `${JSON.stringify(publishManifest(manifest), null, 2)}\n`);
      const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], {
        cwd: stage,
        env: npmEnv(),
        maxBuffer: 16 << 20,
      });
      const [result] = JSON.parse(stdout) as {
        name: string;
        version: string;
        filename: string;
        files: { path: string }[];
      }[];
      if (result === undefined) throw new Error(`npm pack printed nothing for ${pkg.dir}`);
      packed[result.name] = {
        name: result.name,
        version: result.version,
        tarball: join(outDir, result.filename),
        files: result.files.map((f) => f.path).sort(),
      };
    }
    return packed;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
