import type { Katamon, Logger } from '@katamon/core';
import type { KatamonNeeds } from '../cli-context.js';
import type { GlobalSettings } from '../settings/global-settings.js';

/**
 * The real application, from the composition root's one host entry: the adapters this host and this command
 * need, the plugin modules the user named (config file, KATAMON_PLUGINS, --plugin), the user's roots and
 * discovery. Imported lazily: `events` pays only for what it loads.
 */
export async function createProcessKatamon(
  settings: GlobalSettings,
  logger: Logger,
  needs: KatamonNeeds = {},
): Promise<Katamon> {
  const composition = await import('@katamon/composition');
  return composition.createHostKatamon({
    roots: { ...settings.roots },
    discover: settings.discover,
    plugins: settings.plugins,
    ...(settings.configFile === undefined ? {} : { configFile: settings.configFile }),
    logger,
    scheduler: composition.systemScheduler,
    network: needs.network !== false,
  });
}
