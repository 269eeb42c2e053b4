import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginNames } from './plugin-names.js';
import { NODE_ENGINES, TOOLCHAIN } from './toolchain.js';

export interface GenerateOptions {
  /** The project directory to create (it must not exist, or be empty). */
  dir: string;
  /** The npm package name (default: the directory's name). */
  name?: string;
  /** The SDK version the plugin is built against: `@katamon/core` and `@katamon/core-testing` (default: this package's). */
  sdkVersion?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The template folder, beside `src/` in the workspace and beside `dist/` in the package. */
export const TEMPLATE_DIR = join(here, '..', 'template');

/** npm drops `.gitignore` from packages, so the template holds it under another name. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

/** This package's own version: the SDK is released as one version. */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(TEMPLATE_DIR, join(entry.parentPath, entry.name)))
    .sort();
}

function packageJson(name: string, kind: string, coreRange: string): string {
  const manifest = {
    name,
    version: '0.1.0',
    description: `katamon plugin: containers from pid files in /run/${kind}, with their main process's CPU, memory and threads`,
    license: 'MIT',
    keywords: ['katamon-plugin'],
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist'],
    engines: { node: NODE_ENGINES },
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      typecheck: 'tsc --noEmit',
      test: 'vitest run',
      prepack: 'npm run build',
    },
    peerDependencies: { '@katamon/core': coreRange },
    devDependencies: { '@katamon/core': coreRange, '@katamon/core-testing': coreRange, ...TOOLCHAIN },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Writes a plugin project: a manifest with a resolver and a source, their conformance tests, a tsc build and a
 * README. Returns the files written, relative to `dir`. Throws an Error saying what is wrong (bad name,
 * directory in use) before writing anything.
 */
export function generatePlugin(options: GenerateOptions): string[] {
  const { name, kind } = pluginNames(options.name ?? (options.dir.split('/').filter(Boolean).pop() as string));
  if (existsSync(options.dir) && readdirSync(options.dir).length > 0) {
    throw new Error(`${options.dir} is not empty: name a new directory`);
  }
  const coreRange = `^${options.sdkVersion ?? ownVersion()}`;
  const fill = (text: string) =>
    text.replaceAll('__PLUGIN_NAME__', name).replaceAll('__KIND__', kind).replaceAll('__CORE_RANGE__', coreRange);
  const written: string[] = [];
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(options.dir, file)), { recursive: true });
    writeFileSync(join(options.dir, file), text);
    written.push(file);
  };
  write('package.json', packageJson(name, kind, coreRange));
  for (const file of templateFiles(TEMPLATE_DIR)) {
    write(RENAMED[file] ?? file, fill(readFileSync(join(TEMPLATE_DIR, file), 'utf8')));
  }
  return written;
}
