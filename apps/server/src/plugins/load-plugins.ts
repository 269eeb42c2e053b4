import type { Logger } from '@katamon/core';
import { builtinPlugins, loadPluginModules, type KatamonConfigFile, type PluginFailure } from '@katamon/composition';

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
  configFile: KatamonConfigFile | undefined,
  logger: Logger,
): Promise<LoadedPlugins> {
  const config = configFile ?? { plugins: [], pluginConfig: {} };
  const named = await loadPluginModules([...config.plugins, ...modules]);
  return {
    plugins: [...(await builtinPlugins(logger)), ...named.plugins],
    failures: named.failures,
    pluginConfig: config.pluginConfig,
  };
}
