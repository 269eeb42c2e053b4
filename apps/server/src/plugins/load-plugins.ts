import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorKindOf, KatamonError } from '@katamon/core';
import type { Logger } from '@katamon/core';
import { builtinPlugins, importPlugin, type PluginFailure } from '@katamon/composition';

/**
 * Built-in manifests first, then each `--plugin` the user named (a path or a package name), never
 * anything found by scanning. A module that cannot be imported becomes a failure `/readyz` reports.
 */
export async function loadPlugins(
  modules: readonly string[],
  logger: Logger,
  cwd = process.cwd(),
): Promise<{ plugins: unknown[]; failures: PluginFailure[] }> {
  const plugins: unknown[] = [...(await builtinPlugins(logger))];
  const failures: PluginFailure[] = [];
  for (const name of modules) {
    const specifier = name.startsWith('.') || isAbsolute(name) ? pathToFileURL(resolve(cwd, name)).href : name;
    try {
      plugins.push(await importPlugin(specifier));
    } catch (error) {
      const failure = KatamonError.is(error) ? error : new KatamonError(errorKindOf(error), String(error));
      failures.push({ name, error: failure });
    }
  }
  return { plugins, failures };
}
