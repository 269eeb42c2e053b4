import { dirname, resolve } from 'node:path';
import type { Katamon, Logger } from '@katamon/core';
import type { KatamonNeeds } from '../cli-context.js';
import type { GlobalSettings } from '../settings/global-settings.js';
import { loadBuiltins, wantedBuiltins } from './select-builtin-plugins.js';

/**
 * The real application: the built-in adapters the command can use plus the plugin modules the user
 * named (config file, KATAMON_PLUGINS, --plugin), with the user's roots. A plugin that fails to import
 * or validate is logged by the composition root as one error line naming it and its code, and everything
 * else keeps working:
 * one broken plugin never takes down the others or the built-in sources.
 */
export async function createProcessKatamon(
  settings: GlobalSettings,
  logger: Logger,
  needs: KatamonNeeds = {},
): Promise<Katamon> {
  const composition = await import('@katamon/composition');
  const config = settings.configFile === undefined ? undefined : composition.readConfigFile(settings.configFile);
  // Package names are looked for from the working directory, then the config file's directory.
  const named = await composition.loadPluginModules([...(config?.plugins ?? []), ...settings.plugins], {
    searchDirs: settings.configFile === undefined ? [] : [dirname(resolve(settings.configFile))],
  });
  const roots = composition.resolveRoots({ ...settings.roots });
  const builtins = await loadBuiltins(
    wantedBuiltins({ needs, kataRoots: [roots.kata ?? '', roots.kataShim ?? ''] }),
    logger,
  );
  const katamon = await composition.createKatamonFromPlugins({
    plugins: [...builtins, ...named.plugins],
    failures: named.failures,
    roots: { ...settings.roots },
    config: { plugins: config?.pluginConfig ?? {} },
    logger,
    scheduler: composition.systemScheduler,
  });
  return katamon;
}
