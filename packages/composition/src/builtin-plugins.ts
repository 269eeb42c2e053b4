import type { Logger, PluginManifest } from '@katamon/core';
import { silentLogger } from '@katamon/core';
import { importPlugin, type ModuleImporter } from './import-plugin.js';

// Literal specifiers so bundlers see them; one entry per first-party adapter, in merge-fallback order.
const builtins: readonly [string, ModuleImporter][] = [
  ['@katamon/runtime-runc', () => import('@katamon/runtime-runc/plugin')],
  ['@katamon/cgroup-v2', () => import('@katamon/cgroup-v2/plugin')],
  ['@katamon/cgroup-v1', () => import('@katamon/cgroup-v1/plugin')],
  ['@katamon/netns', () => import('@katamon/netns/plugin')],
  ['@katamon/kata-agent', () => import('@katamon/kata-agent/plugin')],
];

/**
 * The manifests of the first-party adapters (each exports `plugin` from its `./plugin` entry, which a dynamic
 * import turns into a one-export namespace instead of the whole index's). An adapter that
 * fails to import or exports no plugin is logged and left out, so the others still load.
 */
export async function builtinPlugins(logger: Logger = silentLogger): Promise<PluginManifest[]> {
  const found = await Promise.allSettled(builtins.map(([name, load]) => importPlugin(name, load)));
  const manifests: PluginManifest[] = [];
  found.forEach((result, i) => {
    if (result.status === 'fulfilled') manifests.push(result.value as PluginManifest);
    else logger.warn('built-in plugin not available', { plugin: builtins[i]?.[0], error: String(result.reason) });
  });
  return manifests;
}
