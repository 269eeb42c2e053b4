import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE } from './sdk-packages.js';

const run = promisify(execFile);

/**
 * Compiles `<dir>/src` (without tests) to `<outDir>` as JavaScript and `.d.ts`, with the workspace's compiler
 * settings. Imports of other published packages resolve to their already compiled `.d.ts` (`packages`: name →
 * folder holding `dist/`), never to workspace sources, so each package type-checks as its users will see it. It
 * writes nothing into the workspace: the project's own build and typecheck outputs are left alone.
 */
export async function compilePackage(
  dir: string,
  outDir: string,
  scratch: string,
  packages: Readonly<Record<string, string>>,
): Promise<void> {
  const src = join(WORKSPACE, dir, 'src');
  const config = join(scratch, `tsconfig.${dir.replaceAll('/', '-')}.json`);
  const paths = Object.fromEntries(
    Object.entries(packages).map(([name, at]) => [name, [join(at, 'dist', 'index.d.ts')]]),
  );
  await writeFile(
    config,
    JSON.stringify({
      extends: join(WORKSPACE, 'tsconfig.base.json'),
      compilerOptions: {
        composite: false,
        incremental: false,
        declaration: true,
        declarationMap: false,
        emitDeclarationOnly: false,
        customConditions: [],
        rootDir: src,
        outDir,
        types: ['node'],
        typeRoots: [join(WORKSPACE, 'node_modules', '@types')],
        paths,
      },
      include: [join(src, '**', '*.ts')],
      exclude: [join(src, '**', '*.spec.ts')],
    }),
  );
  const tsc = join(WORKSPACE, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', config], { cwd: scratch, maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`compiling ${dir} failed:\n${stdout}${stderr}`);
  }
}
