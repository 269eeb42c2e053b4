import { KatamonError, type Katamon, type Logger } from '@katamon/core';
import type { KatamonNeeds } from '../cli-context.js';
import type { GlobalSettings } from '../settings/global-settings.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { loadBuiltins, wantedBuiltins } from './select-builtin-plugins.js';

/**
 * The real application: the built-in adapters the command can use plus the --plugin modules, with the
 * user's roots. A plugin the user named that fails to load or validate is fatal here (exit 78): carrying
 * on without it would only turn into a puzzling "does not exist" later.
 */
export async function createProcessKatamon(settings: GlobalSettings, logger: Logger, needs: KatamonNeeds = {}): Promise<Katamon> {
  const composition = await import('@katamon/composition');
  const named = await loadPlugins(settings.plugins);
  const roots = composition.resolveRoots({ ...settings.roots });
  const builtins = await loadBuiltins(wantedBuiltins({ needs, kataRoots: [roots.kata ?? '', roots.kataShim ?? ''] }), logger);
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
