import { PLUGIN_API_VERSION, type ContainerRef, type PluginManifest } from '@katamon/core';

/**
 * A small in-process plugin standing in for the built-ins next to third-party plugins under test: a resolver
 * named `name` over `ids` (runtime `name`, running), and a source `<name>-pids` that handles those containers
 * and reports one pid.
 */
export function fixedContainersPlugin(name: string, ids: readonly string[]): PluginManifest {
  const ref = (id: string): ContainerRef => ({ id, runtime: name, resolver: name, status: 'running' });
  return {
    name,
    apiVersion: PLUGIN_API_VERSION,
    coreRange: '^0.1.0',
    resolvers: [
      {
        kind: 'list',
        create: () => ({
          name,
          match: async (q: string) => ids.filter((id) => id.startsWith(q)).map(ref),
          list: async () => ids.map(ref),
          refresh: async (r: ContainerRef) => r,
        }),
      },
    ],
    sources: [
      {
        kind: 'pids',
        create: () => ({
          name: `${name}-pids`,
          probe: (r: ContainerRef) => (r.runtime === name ? ('handle' as const) : ('skip' as const)),
          collect: async () => ({ stats: { pids: { current: 1n, limit: 0n } } }),
        }),
      },
    ],
  };
}
