import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KatamonError, errorKindOf, type Logger } from '@katamon/core';
import { importPlugin, type ModuleImporter } from './import-plugin.js';
import type { PluginFailure } from './plugin-error.js';
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
  /** Imports in this thread with this function instead (tests); implies `isolate: false`. */
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

/** A package name resolves from `cwd` first (where the user installed it), else from katamon's own modules. */
function specifierFor(spec: string, cwd: string, own?: string): string {
  if (spec.startsWith('file:')) return spec;
  if (isPath(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  for (const base of own === undefined ? [join(cwd, 'noop.js')] : [join(cwd, 'noop.js'), own]) {
    try {
      return pathToFileURL(createRequire(base).resolve(spec)).href;
    } catch {
      // Next place, then the bare name.
    }
  }
  return spec;
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
  const cwd = options.cwd ?? process.cwd();
  const isolate = options.isolate ?? options.importer === undefined;
  if (specs.length === 0) return { plugins: [], failures: [] };
  // Loaded only when a plugin is named: worker_threads and v8 cost start-up time a command without plugins
  // (`events --stats`) should not pay.
  const isolation = isolate ? await import('./isolation/load-isolated-plugin.js') : undefined;
  const loads = specs.map(async (spec) =>
    isolation === undefined
      ? guardManifest(await importPlugin(specifierFor(spec, cwd), options.importer))
      : // A worker cannot use the importer of this module: bare names are resolved here (cwd, then katamon's own).
        isolation.loadIsolatedPlugin(specifierFor(spec, cwd, import.meta.url), spec, options.isolation, options.logger),
  );
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
