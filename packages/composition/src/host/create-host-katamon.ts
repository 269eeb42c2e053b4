import { dirname, resolve } from 'node:path';
import { diagnoseKatamon, silentLogger, type DoctorReport, type Katamon } from '@katamon/core';
import { loadBuiltinPlugins } from '../builtin-plugins.js';
import { createKatamonFromPlugins } from '../create-katamon-from-plugins.js';
import { givenRoles, resolveRoots } from '../default-roots.js';
import { loadPluginModules } from '../load-plugin-modules.js';
import { readConfigFile } from '../read-config-file.js';
import { systemScheduler } from '../system-scheduler.js';
import type { HostSettings } from './host-settings.js';

/**
 * The one way the apps get a Katamon: the first-party adapters this host has (engines whose paths are absent
 * are not loaded, or their factories decline), the config file's plugins, then the user's, over the user's roots.
 * A plugin that fails to import or validate is logged as one error line naming it and its code, and everything
 * else keeps working. Probing is a few `stat`s; an engine's containers are read only when asked for.
 */
export async function createHostKatamon(settings: HostSettings = {}): Promise<Katamon> {
  const logger = settings.logger ?? silentLogger;
  const config = settings.configFile === undefined ? undefined : readConfigFile(settings.configFile);
  const specs = [...(config?.plugins ?? []), ...(settings.plugins ?? [])];
  // Package names are looked for from the working directory, then the config file's directory (and on).
  const named =
    specs.length === 0
      ? { plugins: [], failures: [] }
      : await loadPluginModules(specs, {
          ...(settings.cwd === undefined ? {} : { cwd: settings.cwd }),
          searchDirs: settings.configFile === undefined ? [] : [dirname(resolve(settings.configFile))],
        });
  const discover = settings.discover ?? 'all';
  const builtins = await loadBuiltinPlugins(
    {
      roots: resolveRoots(settings.roots),
      givenRoots: givenRoles(settings.roots),
      discover,
      network: settings.network !== false,
    },
    logger,
  );
  return createKatamonFromPlugins({
    plugins: [...builtins.manifests, ...named.plugins],
    failures: named.failures,
    skipped: builtins.skipped,
    ...(settings.roots === undefined ? {} : { roots: settings.roots }),
    discover,
    config: {
      plugins: config?.pluginConfig ?? {},
      ...(settings.sourceDeadlineMs === undefined ? {} : { sourceDeadlineMs: settings.sourceDeadlineMs }),
      ...(settings.queueLength === undefined ? {} : { queueLength: settings.queueLength }),
    },
    logger,
    scheduler: settings.scheduler ?? systemScheduler,
  });
}

/** `katamon doctor`: what was probed, what was found, why anything was skipped, and what could not be read. */
export async function diagnoseHost(settings: HostSettings = {}): Promise<DoctorReport> {
  const katamon = await createHostKatamon(settings);
  try {
    return await diagnoseKatamon(katamon);
  } finally {
    await katamon.close();
  }
}
