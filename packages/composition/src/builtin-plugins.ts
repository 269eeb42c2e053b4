import { existsSync } from 'node:fs';
import type { HostProbeReport, Logger, PluginManifest } from '@katamon/core';
import { silentLogger } from '@katamon/core';
import { importPlugin, type ModuleImporter } from './import-plugin.js';
import { splitRootList } from './default-roots.js';

/** What decides, before importing it, whether a built-in adapter is worth loading on this host for this caller. */
export interface BuiltinChoice {
  /** Roots by role, defaults applied. */
  roots: Readonly<Record<string, string>>;
  /** Roles the user set. */
  givenRoots: readonly string[];
  discover: 'all' | readonly string[];
  /** The caller prints no namespace network data (`events --schema runc`): netns is not loaded. */
  network: boolean;
  exists?: (path: string) => boolean;
}

interface Builtin {
  name: string;
  load: ModuleImporter;
  /** Undefined: load it. A report: not on this host (or not needed), with the reason. */
  skip?: (choice: BuiltinChoice) => HostProbeReport | 'unneeded' | undefined;
}

/**
 * kata-agent pulls in net, http and child_process: importing it costs about as much start-up as the rest of
 * `events --stats`, so it is imported only where a Kata root exists (or was given).
 */
function kataAbsent(choice: BuiltinChoice): HostProbeReport | undefined {
  if (choice.givenRoots.includes('kata') || choice.givenRoots.includes('kataShim')) return undefined;
  const exists = choice.exists ?? existsSync;
  const paths = [...splitRootList(choice.roots['kata']), ...splitRootList(choice.roots['kataShim'])];
  const allowed = choice.discover === 'all' || choice.discover.includes('kata');
  if (allowed && paths.some((p) => exists(p))) return undefined;
  const detail = allowed ? `no ${paths.join(' or ')}: no Kata on this host` : 'not discovered (--discover)';
  return {
    engine: 'kata',
    found: false,
    detail,
    paths: paths.map((path) => ({ role: 'Kata root', path, found: false })),
  };
}

// Literal specifiers so bundlers see them; one entry per first-party adapter, in merge-fallback order.
const builtins: readonly Builtin[] = [
  { name: '@katamon/runtime-runc', load: () => import('@katamon/runtime-runc/plugin') },
  { name: '@katamon/cgroup-v2', load: () => import('@katamon/cgroup-v2/plugin') },
  { name: '@katamon/cgroup-v1', load: () => import('@katamon/cgroup-v1/plugin') },
  {
    name: '@katamon/netns',
    load: () => import('@katamon/netns/plugin'),
    skip: (choice) => (choice.network ? undefined : 'unneeded'),
  },
  { name: '@katamon/kata-agent', load: () => import('@katamon/kata-agent/plugin'), skip: kataAbsent },
];

/** Names of every first-party adapter, in merge-fallback order. */
export const BUILTIN_NAMES: readonly string[] = builtins.map((b) => b.name);

export interface BuiltinPlugins {
  manifests: PluginManifest[];
  /** Probe reports of the adapters left out because their engine is not on this host. */
  skipped: HostProbeReport[];
}

/**
 * The manifests of the first-party adapters this host and caller need (each exports `plugin` from its `./plugin`
 * entry, which a dynamic import turns into a one-export namespace instead of the whole index's). Without a choice,
 * all of them. An adapter that fails to import or exports no plugin is logged and left out, so the others load.
 */
export async function loadBuiltinPlugins(
  choice?: BuiltinChoice,
  logger: Logger = silentLogger,
): Promise<BuiltinPlugins> {
  const skipped: HostProbeReport[] = [];
  const wanted = builtins.filter((b) => {
    const reason = choice === undefined ? undefined : b.skip?.(choice);
    if (reason !== undefined && reason !== 'unneeded') skipped.push(reason);
    return reason === undefined;
  });
  const found = await Promise.allSettled(wanted.map((b) => importPlugin(b.name, b.load)));
  const manifests: PluginManifest[] = [];
  found.forEach((result, i) => {
    if (result.status === 'fulfilled') manifests.push(result.value as PluginManifest);
    else logger.warn('built-in plugin not available', { plugin: wanted[i]?.name, error: String(result.reason) });
  });
  return { manifests, skipped };
}

/** Every first-party adapter's manifest (tests, and callers that choose for themselves). */
export async function builtinPlugins(logger: Logger = silentLogger): Promise<PluginManifest[]> {
  return (await loadBuiltinPlugins(undefined, logger)).manifests;
}
