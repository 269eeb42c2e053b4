import { KatamonError, type Katamon, type Logger } from '@katamon/core';
import type { KatamonNeeds } from '../cli-context.js';
import type { GlobalSettings } from '../settings/global-settings.js';
import { loadPlugins } from '../plugins/load-plugins.js';

/**
 * The real application: built-in adapters plus the --plugin modules, with the user's roots. A plugin the
 * user named that fails to load or validate is fatal here (exit 78): carrying on without it would only
 * turn into a puzzling "does not exist" later.
 */
/** The built-in plugin that reads namespace network statistics. */
const NETWORK_PLUGIN = '@katamon/netns';

export async function createProcessKatamon(settings: GlobalSettings, logger: Logger, needs: KatamonNeeds = {}): Promise<Katamon> {
  const composition = await import('@katamon/composition');
  const named = await loadPlugins(settings.plugins);
  const builtins = (await composition.builtinPlugins(logger)).filter((m) => needs.network !== false || m.name !== NETWORK_PLUGIN);
  const katamon = await composition.createKatamonFromPlugins({
    plugins: [...builtins, ...named],
    roots: { ...settings.roots },
    logger,
    scheduler: composition.systemScheduler,
  });
  const builtinNames = new Set(builtins.map((m) => m.name));
  const failed = katamon.health().plugins.find((p) => !p.ok && !builtinNames.has(p.name));
  if (failed !== undefined) {
    await katamon.close();
    throw new KatamonError('plugin', failed.error?.message ?? `plugin "${failed.name}" failed to load`, {
      ...(failed.error?.code === undefined ? {} : { code: failed.error.code }),
    });
  }
  return katamon;
}
