import { Container, ContainerModule } from 'inversify';
import {
  silentLogger,
  type HostProbeReport,
  type Katamon,
  type Logger,
  type PluginContext,
  type Scheduler,
} from '@katamon/core';
import { reportNativeAddonsTo } from '@katamon/sysfs';
import { katamonModule } from './katamon-module.js';
import { pluginModule } from './plugin-module.js';
import type { PluginFailure } from './plugin-error.js';
import { givenRoles, resolveRoots } from './default-roots.js';
import { systemScheduler } from './system-scheduler.js';
import {
  KatamonSettingsToken,
  KatamonToken,
  LoggerToken,
  PluginFailureToken,
  SchedulerToken,
  type KatamonSettings,
} from './tokens.js';
import { validateManifests } from './validate-manifests.js';
import { withIsolatedPlugins } from './isolation/isolated-plugins.js';

export interface KatamonConfig extends KatamonSettings {
  /** Each plugin's own settings, by plugin name (handed to its factories as `ctx.config`). */
  plugins?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface CreateKatamonFromPluginsOptions {
  /** Manifests, unvalidated: built-ins first, then third-party plugins in the order the user named them. */
  plugins: readonly unknown[];
  /** Overrides of {@link defaultRoots}. */
  roots?: Readonly<Record<string, string | undefined>>;
  config?: KatamonConfig;
  logger?: Logger;
  scheduler?: Scheduler;
  /** Failures that happened before (e.g. a plugin that could not be imported), to report in health(). */
  failures?: readonly PluginFailure[];
  /** Engines whose default host paths the plugins may look at (ctx.discover): `all` (default) or a list. */
  discover?: 'all' | readonly string[];
  /** Probe reports of adapters left out before loading (not on this host), for health(). */
  skipped?: readonly HostProbeReport[];
}

/**
 * The composition root: validates the manifests, turns each accepted one into a ContainerModule,
 * and resolves the Katamon facade. Never fails because of a plugin: broken ones are logged and
 * reported by `health()`, and the others work; so is an isolated plugin whose worker stops later.
 */
export async function createKatamonFromPlugins(options: CreateKatamonFromPluginsOptions): Promise<Katamon> {
  const logger = options.logger ?? silentLogger;
  // A native addon that does not load is logged once, in the app's format (stderr until then).
  if (options.logger !== undefined) reportNativeAddonsTo(options.logger);
  const scheduler = options.scheduler ?? systemScheduler;
  const roots = resolveRoots(options.roots);
  const { accepted, rejected } = validateManifests(options.plugins);
  const settings: KatamonSettings = {};
  if (options.config?.sourceDeadlineMs !== undefined) settings.sourceDeadlineMs = options.config.sourceDeadlineMs;
  if (options.config?.queueLength !== undefined) settings.queueLength = options.config.queueLength;

  const container = new Container();
  const base = new ContainerModule(({ bind }) => {
    bind(SchedulerToken).toConstantValue(scheduler);
    bind(LoggerToken).toConstantValue(logger);
    bind(KatamonSettingsToken).toConstantValue(settings);
    for (const failure of [...(options.failures ?? []), ...rejected]) bind(PluginFailureToken).toConstantValue(failure);
  });
  const givenRoots = givenRoles(options.roots);
  const discover = options.discover ?? 'all';
  const modules = accepted.map((manifest) => {
    const config = options.config?.plugins?.[manifest.name] ?? {};
    const ctx: PluginContext = { config, logger, scheduler, roots, givenRoots, discover };
    return pluginModule(manifest, ctx);
  });
  await container.loadAsync(
    base,
    ...modules,
    katamonModule(
      accepted.map((m) => m.name),
      options.skipped,
    ),
  );
  // Isolated plugins (loadPluginModules) report their workers' live state and end them on close.
  return withIsolatedPlugins(await container.getAsync(KatamonToken), options.plugins);
}
