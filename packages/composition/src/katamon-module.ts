import { ContainerModule } from 'inversify';
import { createKatamon, type Logger, type Scheduler } from '@katamon/core';
import type { PluginLoad } from './instantiate-plugin.js';
import type { PluginFailure } from './plugin-error.js';
import { KatamonSettingsToken, KatamonToken, LoggerToken, PluginFailureToken, PluginLoadToken, SchedulerToken, type KatamonSettings } from './tokens.js';

/** Binds the Katamon facade over whatever the plugin modules contributed (possibly nothing). */
export function katamonModule(pluginOrder: readonly string[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(KatamonToken)
      .toResolvedValue(
        (loads: PluginLoad[] | undefined, rejected: PluginFailure[] | undefined, scheduler: Scheduler, logger: Logger, settings: KatamonSettings) => {
          // Plugin order is precedence order for sources the merge table does not name.
          const ordered = [...(loads ?? [])].sort((a, b) => pluginOrder.indexOf(a.name) - pluginOrder.indexOf(b.name));
          const failures = [...(rejected ?? []), ...ordered.flatMap((l) => (l.ok ? [] : [l.failure]))];
          for (const f of failures) logger.error('plugin not loaded', { plugin: f.name, code: f.error.code, error: f.error.message });
          const plugins = [
            ...ordered.map((l) => (l.ok ? { name: l.name, ok: true } : health(l.failure))),
            ...(rejected ?? []).map(health),
          ];
          return createKatamon({
            resolvers: ordered.flatMap((l) => (l.ok ? l.resolvers : [])),
            sources: ordered.flatMap((l) => (l.ok ? l.sources : [])),
            scheduler,
            logger,
            ...settings,
            health: () => ({ plugins: plugins.map((p) => ({ ...p })) }),
          });
        },
        [
          { serviceIdentifier: PluginLoadToken, isMultiple: true, optional: true },
          { serviceIdentifier: PluginFailureToken, isMultiple: true, optional: true },
          SchedulerToken,
          LoggerToken,
          KatamonSettingsToken,
        ],
      )
      .inSingletonScope();
  });
}

function health(failure: PluginFailure) {
  return { name: failure.name, ok: false, error: { code: failure.error.code ?? 'KATAMON_PLUGIN', message: failure.error.message } };
}
