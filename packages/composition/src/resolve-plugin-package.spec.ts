import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lookUpPluginPackage, searchFolders, splitPackageSpec } from './resolve-plugin-package.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'katamon-plugin-lookup-')));

/** Installs a package folder `<folder>/<name>` with this package.json and files. */
function install(folder: string, name: string, manifest: object, files: Record<string, string> = {}): string {
  const dir = join(folder, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe(splitPackageSpec, () => {
  it.each([
    ['katamon-plugin-x', { name: 'katamon-plugin-x', subpath: '.' }],
    ['@acme/katamon-plugin', { name: '@acme/katamon-plugin', subpath: '.' }],
    ['@acme/p/sources/extra', { name: '@acme/p', subpath: './sources/extra' }],
    ['p/sub', { name: 'p', subpath: './sub' }],
  ])('splits %s', (spec, parts) => expect(splitPackageSpec(spec)).toEqual(parts));

  it.each(['', 'Capital', '@scope', 'a b', 'p/../q', 'p//q', '@/x', 'p/.'])('refuses %j', (spec) =>
    expect(splitPackageSpec(spec)).toBeUndefined(),
  );
});

describe(lookUpPluginPackage, () => {
  const cwd = join(base, 'site', 'sub');
  const configDir = join(base, 'etc');
  const nodePath = join(base, 'global');
  const program = join(base, 'opt', 'lib', 'node_modules', 'katamon', 'dist', 'katamon.cjs');
  const search = { cwd, dirs: [configDir], nodePath: `/nonexistent:${nodePath}`, program };
  const main = { 'main.mjs': 'export const plugin = {};\n' };
  mkdirSync(cwd, { recursive: true });

  it('searches the working directory and its parents, the config directory, NODE_PATH, then beside katamon', () => {
    expect(searchFolders(search)).toEqual([
      join(base, 'site', 'sub', 'node_modules'),
      join(base, 'site', 'node_modules'),
      ...parents(base),
      join(configDir, 'node_modules'),
      '/nonexistent',
      nodePath,
      join(base, 'opt', 'lib', 'node_modules', 'katamon', 'dist', 'node_modules'),
      join(base, 'opt', 'lib', 'node_modules', 'katamon', 'node_modules'),
      // A global install: the node_modules katamon itself sits in, where `npm install -g` puts plugins too.
      join(base, 'opt', 'lib', 'node_modules'),
      join(base, 'opt', 'node_modules'),
    ]);
  });

  it('takes the first folder that holds the package', () => {
    const places = [
      join(base, 'opt', 'lib', 'node_modules'),
      nodePath,
      join(configDir, 'node_modules'),
      join(base, 'site', 'node_modules'),
    ];
    for (const [i, folder] of places.entries()) {
      const dir = install(folder, 'katamon-plugin-order', { exports: './main.mjs' }, main);
      expect(lookUpPluginPackage('katamon-plugin-order', search), `after installing in place ${i}`).toEqual({
        found: true,
        file: join(dir, 'main.mjs'),
      });
    }
  });

  it('follows exports with the conditions of an ES module import, in their order', () => {
    const folder = join(base, 'site', 'node_modules');
    const files = { 'esm.mjs': '', 'cjs.cjs': '', 'src.ts': '', 'extra.mjs': '' };
    install(
      folder,
      'cond',
      { exports: { '.': { '@katamon/source': './src.ts', require: './cjs.cjs', import: './esm.mjs' } } },
      files,
    );
    install(folder, 'nested', { exports: { node: { import: './esm.mjs', default: './cjs.cjs' } } }, files);
    install(folder, 'fallbacks', { exports: { '.': [{ worker: './cjs.cjs' }, './esm.mjs'] } }, files);
    install(folder, 'subpaths', { exports: { '.': './esm.mjs', './extra': { default: './extra.mjs' } } }, files);
    install(folder, 'legacy', { main: 'cjs.cjs' }, files);
    const file = (spec: string) => {
      const found = lookUpPluginPackage(spec, search);
      return found.found ? found.file.slice(folder.length + 1) : found.problem;
    };
    expect(['cond', 'nested', 'fallbacks', 'subpaths', 'subpaths/extra', 'legacy'].map(file)).toEqual([
      'cond/esm.mjs',
      'nested/esm.mjs',
      'fallbacks/esm.mjs',
      'subpaths/esm.mjs',
      'subpaths/extra.mjs',
      'legacy/cjs.cjs',
    ]);
  });

  it('says in one line what to do when the package is missing, unbuilt, or exports nothing to import', () => {
    const folder = join(base, 'site', 'node_modules');
    install(folder, 'unbuilt', { exports: { '.': { import: './dist/index.js' } } });
    install(folder, 'require-only', { exports: { '.': { require: './index.cjs' } } }, { 'index.cjs': '' });
    install(folder, 'escapes', { exports: '../../../etc/passwd' });
    const problem = (spec: string) => {
      const found = lookUpPluginPackage(spec, search);
      return found.found ? found.file : found.problem;
    };
    expect(problem('katamon-plugin-absent')).toBe(
      `is not installed (looked in ${cwd} and its parents, ${configDir} and its parents, NODE_PATH, beside katamon (${dirname(program)})): run "npm install katamon-plugin-absent" in ${cwd}, or name the plugin by its path`,
    );
    expect(problem('unbuilt')).toBe(
      `is installed in ${folder}/unbuilt but ${folder}/unbuilt/dist/index.js is missing: build or reinstall it`,
    );
    expect(problem('require-only')).toBe(`exports no "." for import in ${folder}/require-only: name one it exports`);
    expect(problem('escapes')).toBe(`exports no "." for import in ${folder}/escapes: name one it exports`);
    expect(problem('no such')).toBe('is neither a path (./x.js, /x.js) nor an npm package name');
    for (const spec of ['katamon-plugin-absent', 'unbuilt', 'require-only', 'no such'])
      expect(problem(spec)).not.toContain('\n');
  });
});

function parents(dir: string): string[] {
  const out: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    out.push(join(at, 'node_modules'));
    if (at === dirname(at)) return out;
  }
}
