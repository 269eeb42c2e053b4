import type { Katamon } from '@katamon/core';
import { hostOf } from './isolated-manifest.js';
import type { PluginWorkerHost } from './plugin-worker-host.js';

/**
 * The facade over isolated plugins: `health()` reports each one's live state (a plugin restarting or disabled
 * is not ok, with code KATAMON_PLUGIN_RESTARTING / KATAMON_PLUGIN_DISABLED), and `close()` ends every worker
 * and restart timer after the facade's own close. Workers of plugins that did not load (rejected manifest,
 * failed factory) end now. `candidates` are the manifests handed to the composition root.
 */
export function withIsolatedPlugins(katamon: Katamon, candidates: readonly unknown[]): Katamon {
  const hosts = candidates.map(hostOf).filter((h): h is PluginWorkerHost => h !== undefined);
  if (hosts.length === 0) return katamon;
  const loaded = new Set(
    katamon
      .health()
      .plugins.filter((p) => p.ok)
      .map((p) => p.name),
  );
  const live = hosts.filter((host) => host.created && loaded.has(host.name));
  for (const host of hosts) if (!live.includes(host)) void host.close();
  return {
    ...katamon,
    health: () => {
      const health = katamon.health();
      const plugins = health.plugins.map((entry) => {
        const problem = live.find((host) => host.name === entry.name)?.problem();
        return problem === undefined ? entry : { name: entry.name, ok: false, error: problem };
      });
      return { ...health, plugins };
    },
    close: async () => {
      try {
        await katamon.close();
      } finally {
        await Promise.all(live.map((host) => host.close()));
      }
    },
  };
}
