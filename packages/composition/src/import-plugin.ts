import { pluginError } from './plugin-error.js';

export type ModuleImporter = (specifier: string) => Promise<unknown>;

/**
 * The CLI build's import(): its program runs as a vm.Script, which has no module loader of its own, so the
 * build names the loader's (tools/build/scripts/cli/payload-format.cjs). Undefined everywhere else.
 */
declare const KATAMON_IMPORT: ModuleImporter | undefined;

const nodeImport: ModuleImporter =
  typeof KATAMON_IMPORT === 'function' ? KATAMON_IMPORT : (specifier) => import(specifier);

/**
 * Imports a plugin module named by the user (npm name or path) and returns its `plugin` export, still
 * unvalidated. Fails with KATAMON_PLUGIN_IMPORT when the import fails or nothing is exported as `plugin`.
 */
export async function importPlugin(specifier: string, importer: ModuleImporter = nodeImport): Promise<unknown> {
  let mod: unknown;
  try {
    mod = await importer(specifier);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw pluginError('KATAMON_PLUGIN_IMPORT', specifier, `cannot be imported: ${message}`, error);
  }
  const plugin = (mod as { plugin?: unknown } | null)?.plugin;
  if (plugin === undefined) throw pluginError('KATAMON_PLUGIN_IMPORT', specifier, 'the module has no `plugin` export');
  return plugin;
}
