import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KatamonError, errorKindOf, type Logger } from '@katamon/core';
import { importPlugin, type ModuleImporter } from './import-plugin.js';
import { pluginError, type PluginFailure } from './plugin-error.js';
import { lookUpPluginPackage, runningProgram, type PluginSearch } from './resolve-plugin-package.js';
import { guardManifest } from './isolation/guard-manifest.js';
import type { IsolationOptions } from './isolation/isolation-options.js';

export interface PluginModules {
  /** The `plugin` exports, unvalidated (createKatamonFromPlugins validates them). */
  plugins: unknown[];
  /** Modules that could not be imported (KATAMON_PLUGIN_IMPORT), to pass on to createKatamonFromPlugins. */
  failures: PluginFailure[];
}

export interface LoadPluginModulesOptions {
  /** Where relative paths and package names are resolved from first (default: the working directory). */
  cwd?: string;
  /** More directories whose `node_modules` (and their parents') hold plugins: the config file's directory. */
  searchDirs?: readonly string[];
  /** Directories that hold packages, `:`-separated (default: `$NODE_PATH`). */
  nodePath?: string;
  /** The running katamon program, whose surroundings are searched last (default: `process.argv[1]`'s real path). */
  program?: string;
  /** Imports in this thread with this function instead (tests): it gets package names as they are; implies `isolate: false`. */
  importer?: ModuleImporter;
  /**
   * Run each plugin in its own worker thread (default, unless `importer` is given). Either way the plugins
   * are untrusted: every result is checked against the model before katamon uses it.
   */
  isolate?: boolean;
  /** Bounds of the isolated plugins (deadlines, reply size, restarts, heap); see {@link IsolationOptions}. */
  isolation?: Partial<IsolationOptions>;
  /** Where isolated plugins' lines go before their factories run (then: the logger their context carries). */
  logger?: Logger;
}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('file:');
}

/**
 * The URL to import for what the user named: a path from `cwd`, or a package name looked up as the plugin guide
 * says (cwd, config directory, NODE_PATH, beside katamon). Throws KATAMON_PLUGIN_IMPORT with what to do.
 */
function specifierFor(spec: string, search: PluginSearch, importer: ModuleImporter | undefined): string {
  if (spec.startsWith('file:')) return spec;
  if (isPath(spec)) {
    const file = resolve(search.cwd, spec);
    if (!existsSync(file))
      throw pluginError(
        'KATAMON_PLUGIN_IMPORT',
        spec,
        `no such file ${file}: check the path (relative to ${search.cwd})`,
      );
    return pathToFileURL(file).href;
  }
  if (importer !== undefined) return spec;
  const found = lookUpPluginPackage(spec, search);
  if (!found.found) throw pluginError('KATAMON_PLUGIN_IMPORT', spec, found.problem);
  return pathToFileURL(found.file).href;
}

/**
 * Imports the plugin modules the user named (paths or npm names), in order. Only named modules are
 * loaded, never anything found by scanning `node_modules`. A module that fails to import is a failure
 * naming it; the others still load. Each plugin runs isolated in its own worker thread (see
 * `isolation/`), or, with `isolate: false`, in this thread with its results still checked.
 */
export async function loadPluginModules(
  specs: readonly string[],
  options: LoadPluginModulesOptions = {},
): Promise<PluginModules> {
  const isolate = options.isolate ?? options.importer === undefined;
  if (specs.length === 0) return { plugins: [], failures: [] };
  const search: PluginSearch = {
    cwd: options.cwd ?? process.cwd(),
    dirs: options.searchDirs ?? [],
    nodePath: options.nodePath ?? process.env['NODE_PATH'] ?? '',
    program: options.program ?? runningProgram(),
  };
  // Loaded only when a plugin is named: worker_threads and v8 cost start-up time a command without plugins
  // (`events --stats`) should not pay.
  const isolation = isolate ? await import('./isolation/load-isolated-plugin.js') : undefined;
  const loads = specs.map(async (spec) => {
    const url = specifierFor(spec, search, options.importer);
    return isolation === undefined
      ? guardManifest(await importPlugin(url, options.importer))
      : isolation.loadIsolatedPlugin(url, spec, options.isolation, options.logger);
  });
  const plugins: unknown[] = [];
  const failures: PluginFailure[] = [];
  const settled = await Promise.allSettled(loads);
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') return void plugins.push(result.value);
    const error = result.reason as unknown;
    const failure = KatamonError.is(error) ? error : new KatamonError(errorKindOf(error), String(error));
    failures.push({ name: specs[i] as string, error: failure });
  });
  return { plugins, failures };
}
