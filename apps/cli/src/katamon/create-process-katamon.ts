import type { Katamon, Logger } from '@katamon/core';
import type { GlobalSettings } from '../settings/global-settings.js';
import { loadPlugins } from '../plugins/load-plugins.js';

/** The real application: built-in adapters plus the --plugin modules, with the user's roots. */
export async function createProcessKatamon(settings: GlobalSettings, logger: Logger): Promise<Katamon> {
  const composition = await import('@katamon/composition');
  const extra = await loadPlugins(settings.plugins);
  return composition.createKatamonFromPlugins({
    plugins: [...composition.builtinPlugins(), ...extra],
    roots: { ...composition.defaultRoots, ...settings.roots },
    config: {},
    logger,
    scheduler: composition.systemScheduler,
  });
}
