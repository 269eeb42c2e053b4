import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KatamonError, type PluginManifest } from '@katamon/core';

export type ModuleImporter = (specifier: string) => Promise<Record<string, unknown>>;

const nativeImport: ModuleImporter = (specifier) => import(specifier) as Promise<Record<string, unknown>>;

function looksLikePath(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || name.startsWith('file:');
}

/** Package names resolve from the working directory first (where the user installed them), then from katamon. */
async function importPackage(name: string, cwd: string, importer: ModuleImporter): Promise<Record<string, unknown>> {
  try {
    const resolved = createRequire(join(cwd, 'noop.js')).resolve(name);
    return await importer(pathToFileURL(resolved).href);
  } catch {
    return importer(name);
  }
}

/**
 * Loads each `--plugin` module (a file path or a package name) and takes its `plugin` export. Only named modules are loaded, never anything found by scanning. Checking the manifest
 * itself (shape, versions, duplicates) is the composition root's job.
 */
export async function loadPlugins(
  modules: readonly string[],
  cwd: string = process.cwd(),
  importer: ModuleImporter = nativeImport,
): Promise<PluginManifest[]> {
  const manifests: PluginManifest[] = [];
  for (const name of modules) {
    let module: Record<string, unknown>;
    try {
      module = looksLikePath(name)
        ? await importer(name.startsWith('file:') ? name : pathToFileURL(resolve(cwd, name)).href)
        : await importPackage(name, cwd, importer);
    } catch (error) {
      throw new KatamonError('plugin', `cannot load plugin module "${name}": ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        code: 'KATAMON_PLUGIN_LOAD',
      });
    }
    const manifest = module.plugin;
    if (manifest === undefined || manifest === null) {
      throw new KatamonError('plugin', `plugin module "${name}" has no "plugin" export`, { code: 'KATAMON_PLUGIN_LOAD' });
    }
    manifests.push(manifest as PluginManifest);
  }
  return manifests;
}
