import type { Logger } from '@katamon/core';
import { pluginError } from '../plugin-error.js';
import { DEFAULT_ISOLATION, type IsolationOptions } from './isolation-options.js';
import { isolatedManifest } from './isolated-manifest.js';
import { PluginWorkerHost } from './plugin-worker-host.js';

/**
 * Imports a plugin module in its own worker thread and returns a manifest of proxies to what it exports as
 * `plugin` (validated later like any manifest). Fails with KATAMON_PLUGIN_IMPORT, naming `label`, when the
 * module cannot be imported, has no `plugin` export, or does not load within the deadline; its worker is
 * gone then.
 */
export async function loadIsolatedPlugin(
  specifier: string,
  label: string,
  options: Partial<IsolationOptions> = {},
  logger?: Logger,
): Promise<unknown> {
  const host = new PluginWorkerHost(specifier, label, { ...DEFAULT_ISOLATION, ...options }, logger);
  let description: unknown;
  try {
    description = await host.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw pluginError('KATAMON_PLUGIN_IMPORT', label, message, error);
  }
  const name = (description as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name !== '' && name.length <= 256) host.name = name;
  return isolatedManifest(description, host);
}
