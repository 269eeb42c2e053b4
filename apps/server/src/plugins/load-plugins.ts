import { dirname, resolve } from 'node:path';
import type { Logger } from '@katamon/core';
import { builtinPlugins, loadPluginModules, readConfigFile, type PluginFailure } from '@katamon/composition';

export interface LoadedPlugins {
  /** Built-in manifests first, then the config file's plugins, then each `--plugin`, in the order named. */
  plugins: unknown[];
  /** Modules that could not be imported; `/readyz` reports them. */
  failures: PluginFailure[];
  /** Each plugin's own settings, by plugin name (from the config file). */
  pluginConfig: Record<string, Record<string, unknown>>;
}

/** The same plugin list and config file the CLI reads; never anything found by scanning `node_modules`. */
export async function loadPlugins(
  modules: readonly string[],
  configFile: string | undefined,
  logger: Logger,
): Promise<LoadedPlugins> {
  const config = configFile === undefined ? { plugins: [], pluginConfig: {} } : readConfigFile(configFile);
  // Package names are looked for from the working directory, then the config file's directory.
  const named = await loadPluginModules([...config.plugins, ...modules], {
    searchDirs: configFile === undefined ? [] : [dirname(resolve(configFile))],
  });
  return {
    plugins: [...(await builtinPlugins(logger)), ...named.plugins],
    failures: named.failures,
    pluginConfig: config.pluginConfig,
  };
}
