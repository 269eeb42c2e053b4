import { ContainerModule } from 'inversify';
import { createKatamon, type HostProbeReport, type Logger, type Scheduler } from '@katamon/core';
import type { PluginLoad } from './instantiate-plugin.js';
import { pluginError, type PluginFailure } from './plugin-error.js';
import {
  KatamonSettingsToken,
  KatamonToken,
  LoggerToken,
  PluginFailureToken,
  PluginLoadToken,
  SchedulerToken,
  type KatamonSettings,
} from './tokens.js';

/**
 * Binds the Katamon facade over whatever the plugin modules contributed (possibly nothing). `skipped` are the
 * probe reports of built-in adapters not even loaded (not on this host), reported by probeHost() with the others.
 */
export function katamonModule(
  pluginOrder: readonly string[],
  skipped: readonly HostProbeReport[] = [],
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(KatamonToken)
      .toResolvedValue(
        (
          loads: PluginLoad[] | undefined,
          rejected: PluginFailure[] | undefined,
          scheduler: Scheduler,
          logger: Logger,
          settings: KatamonSettings,
        ) => {
          // Plugin order is precedence order for sources the merge table does not name.
          const ordered = rejectNameClashes(
            [...(loads ?? [])].sort((a, b) => pluginOrder.indexOf(a.name) - pluginOrder.indexOf(b.name)),
          );
          const failures = [...(rejected ?? []), ...ordered.flatMap((l) => (l.ok ? [] : [l.failure]))];
          for (const f of failures)
            logger.error('plugin not loaded', { plugin: f.name, code: f.error.code, error: f.error.message });
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
            probeHost: async () => [
              ...(await Promise.all(ordered.map((l) => (l.ok ? l.probeHost() : [])))).flat(),
              ...skipped.map((p) => ({ ...p })),
            ],
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

/**
 * Source and resolver names must be unique across plugins: merge precedence ranks sources by name and a
 * ref finds its resolver by name. The later plugin of a clash fails as a whole.
 */
function rejectNameClashes(loads: PluginLoad[]): PluginLoad[] {
  const owners = new Map<string, string>();
  return loads.map((load) => {
    if (!load.ok) return load;
    const names = [
      ...load.sources.map((s) => `source "${s.name}"`),
      ...load.resolvers.map((r) => `resolver "${r.name}"`),
    ];
    const clash = names.find((n) => owners.has(n));
    if (clash !== undefined) {
      const detail = `${clash} is already provided by plugin "${owners.get(clash) as string}"`;
      return {
        name: load.name,
        ok: false,
        failure: { name: load.name, error: pluginError('KATAMON_PLUGIN_DUPLICATE', load.name, detail) },
      };
    }
    for (const n of names) owners.set(n, load.name);
    return load;
  });
}

function health(failure: PluginFailure) {
  return {
    name: failure.name,
    ok: false,
    error: { code: failure.error.code ?? 'KATAMON_PLUGIN', message: failure.error.message },
  };
}
