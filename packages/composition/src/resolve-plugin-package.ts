import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';

/** Where a plugin named by package name is looked for, in this order (the plugin guide documents it). */
export interface PluginSearch {
  /** The working directory: its `node_modules` and its parents', as `node` does. */
  cwd: string;
  /** Then these directories and their parents (the config file's directory). */
  dirs?: readonly string[];
  /** Then each entry of `NODE_PATH` (a `:`-separated list of directories that hold packages). */
  nodePath?: string;
  /** Then beside katamon: the running program (its real path), e.g. `/usr/lib/node_modules/katamon/dist/katamon.cjs`. */
  program?: string;
}

/** An import an ES module loader would take: the `node`/`import`/`default` branches of `exports`. */
const CONDITIONS = new Set(['node', 'import', 'module-sync', 'default']);
const NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export type PackageLookup = { found: true; file: string } | { found: false; problem: string };

/** `name` and `./sub/path` of `@scope/name/sub/path`, or undefined when `spec` is not a package specifier. */
export function splitPackageSpec(spec: string): { name: string; subpath: string } | undefined {
  const parts = spec.split('/');
  const count = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, count).join('/');
  const rest = parts.slice(count);
  if (!NAME.test(name) || name.length > 214 || rest.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return { name, subpath: ['.', ...rest].join('/') };
}

/** `dir/node_modules`, then each parent's, skipping folders that are themselves `node_modules` (node's order). */
function nodeModulesChain(dir: string): string[] {
  const out: string[] = [];
  const { root } = parse(dir);
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (!at.endsWith(`${sep}node_modules`)) out.push(join(at, 'node_modules'));
    if (at === root) return out;
  }
}

/** The folders a package is looked for in, in order, without repeats. */
export function searchFolders(search: PluginSearch): string[] {
  const folders = [search.cwd, ...(search.dirs ?? [])].flatMap(nodeModulesChain);
  for (const entry of (search.nodePath ?? '').split(':')) if (entry !== '') folders.push(resolve(entry));
  // From an installed katamon (`npm install -g`: .../lib/node_modules/katamon/…) the chain reaches
  // .../lib/node_modules itself, where the plugins installed the same way are.
  if (search.program !== undefined) folders.push(...nodeModulesChain(dirname(search.program)));
  return [...new Set(folders)];
}

/** The file `exports` (or `main`) names for `subpath`, with the conditions an ES module import uses. */
function entryOf(manifest: Record<string, unknown>, subpath: string): string | undefined {
  let exports = manifest['exports'];
  if (exports === undefined || exports === null) {
    if (subpath !== '.') return subpath;
    return typeof manifest['main'] === 'string' ? manifest['main'] : './index.js';
  }
  const isMap =
    typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((k) => k[0] === '.');
  if (!isMap) exports = { '.': exports };
  return target((exports as Record<string, unknown>)[subpath]);
}

function target(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = target(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [condition, branch] of Object.entries(value)) {
    if (!CONDITIONS.has(condition)) continue;
    const found = target(branch);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Finds the module a plugin package name stands for, the way `import` would from each search folder in turn:
 * the first folder holding the package wins. The problem, when there is one, is one line that says what to do.
 */
export function lookUpPluginPackage(spec: string, search: PluginSearch): PackageLookup {
  const parsed = splitPackageSpec(spec);
  if (parsed === undefined) {
    return { found: false, problem: 'is neither a path (./x.js, /x.js) nor an npm package name' };
  }
  const folders = searchFolders(search);
  for (const folder of folders) {
    const dir = join(folder, parsed.name);
    const manifestFile = join(dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      return { found: false, problem: `has an unreadable ${manifestFile} (${(error as Error).message}): reinstall it` };
    }
    const entry = entryOf(manifest, parsed.subpath);
    const file = entry === undefined ? undefined : resolve(dir, entry);
    if (file === undefined || relative(dir, file).startsWith('..')) {
      return { found: false, problem: `exports no "${parsed.subpath}" for import in ${dir}: name one it exports` };
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      return { found: false, problem: `is installed in ${dir} but ${file} is missing: build or reinstall it` };
    }
    return { found: true, file: realpathSync(file) };
  }
  return {
    found: false,
    problem:
      `is not installed (looked in ${describeSearch(search)}): ` +
      `run "npm install ${parsed.name}" in ${search.cwd}, or name the plugin by its path`,
  };
}

function describeSearch(search: PluginSearch): string {
  const places = [`${search.cwd} and its parents`];
  for (const dir of search.dirs ?? []) places.push(`${dir} and its parents`);
  if ((search.nodePath ?? '') !== '') places.push('NODE_PATH');
  if (search.program !== undefined) places.push(`beside katamon (${dirname(search.program)})`);
  return places.join(', ');
}

/** The running program's real path (where `node` was pointed), or undefined under `node -e`/a REPL. */
export function runningProgram(): string | undefined {
  const main = process.argv[1];
  if (main === undefined || main === '') return undefined;
  try {
    return realpathSync(main);
  } catch {
    return undefined;
  }
}
