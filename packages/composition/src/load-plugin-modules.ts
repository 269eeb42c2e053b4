import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KatamonError, errorKindOf } from '@katamon/core';
import { importPlugin, type ModuleImporter } from './import-plugin.js';
import type { PluginFailure } from './plugin-error.js';

export interface PluginModules {
  /** The `plugin` exports, unvalidated (createKatamonFromPlugins validates them). */
  plugins: unknown[];
  /** Modules that could not be imported (KATAMON_PLUGIN_IMPORT), to pass on to createKatamonFromPlugins. */
  failures: PluginFailure[];
}

export interface LoadPluginModulesOptions {
  /** Where relative paths and package names are resolved from first (default: the working directory). */
  cwd?: string;
  importer?: ModuleImporter;
}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('file:');
}

/** A package name resolves from `cwd` first (where the user installed it), else from katamon's own modules. */
function specifierFor(spec: string, cwd: string): string {
  if (spec.startsWith('file:')) return spec;
  if (isPath(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'noop.js')).resolve(spec)).href;
  } catch {
    return spec;
  }
}

/**
 * Imports the plugin modules the user named (paths or npm names), in order. Only named modules are
 * loaded, never anything found by scanning `node_modules`. A module that fails to import is a failure
 * naming it; the others still load.
 */
export async function loadPluginModules(
  specs: readonly string[],
  options: LoadPluginModulesOptions = {},
): Promise<PluginModules> {
  const cwd = options.cwd ?? process.cwd();
  const plugins: unknown[] = [];
  const failures: PluginFailure[] = [];
  for (const spec of specs) {
    try {
      plugins.push(await importPlugin(specifierFor(spec, cwd), options.importer));
    } catch (error) {
      const failure = KatamonError.is(error) ? error : new KatamonError(errorKindOf(error), String(error));
      failures.push({ name: spec, error: failure });
    }
  }
  return { plugins, failures };
}
