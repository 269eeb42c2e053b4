import { existsSync } from 'node:fs';
import type { Logger, PluginManifest } from '@katamon/core';
import type { KatamonNeeds } from '../cli-context.js';

type Loader = () => Promise<{ plugin: unknown }>;

/**
 * composition's `builtinPlugins()` list, in its merge-fallback order, so that the CLI can leave out an
 * adapter the command cannot use: importing kata-agent alone costs about as much start-up CPU as the rest
 * of `events --stats` (it pulls in net, http, child_process). A spec keeps this list equal to composition's.
 */
export const BUILTIN_LOADERS: readonly (readonly [string, Loader])[] = [
  ['@katamon/runtime-runc', () => import('@katamon/runtime-runc/plugin')],
  ['@katamon/cgroup-v2', () => import('@katamon/cgroup-v2/plugin')],
  ['@katamon/cgroup-v1', () => import('@katamon/cgroup-v1/plugin')],
  ['@katamon/netns', () => import('@katamon/netns/plugin')],
  ['@katamon/kata-agent', () => import('@katamon/kata-agent/plugin')],
];

export interface BuiltinChoice {
  needs: KatamonNeeds;
  /** ':'-separated Kata roots (sandbox store, shim sockets): no Kata host without one of them. */
  kataRoots: string[];
  exists?: (path: string) => boolean;
}

/** Names of the built-in adapters this command needs. */
export function wantedBuiltins(choice: BuiltinChoice): string[] {
  const exists = choice.exists ?? existsSync;
  const kata = choice.kataRoots.flatMap((r) => r.split(':')).some((p) => p !== '' && exists(p));
  return BUILTIN_LOADERS.map(([name]) => name).filter(
    (name) => (name !== '@katamon/netns' || choice.needs.network !== false) && (name !== '@katamon/kata-agent' || kata),
  );
}

/** Imports the wanted adapters; one that fails is logged and left out, as composition does. */
export async function loadBuiltins(names: readonly string[], logger: Logger): Promise<PluginManifest[]> {
  const chosen = BUILTIN_LOADERS.filter(([name]) => names.includes(name));
  const loaded = await Promise.allSettled(chosen.map(([, load]) => load()));
  const manifests: PluginManifest[] = [];
  loaded.forEach((result, i) => {
    if (result.status === 'fulfilled' && result.value.plugin !== undefined)
      manifests.push(result.value.plugin as PluginManifest);
    else
      logger.warn('built-in plugin not available', {
        plugin: chosen[i]?.[0],
        error: result.status === 'rejected' ? String(result.reason) : 'no plugin export',
      });
  });
  return manifests;
}
