import type { ContainerRef, ContainerResolver } from '@katamon/core';
import type { Created, PluginWorkerHost } from './plugin-worker-host.js';

/** A resolver living in a plugin's worker, seen from the host. Its answers are still unchecked: `guardResolver` checks them. */
export function proxyResolver(host: PluginWorkerHost, made: Created): ContainerResolver {
  const { handle } = made;
  const resolver: Partial<ContainerResolver> & { name: string } = {
    name: typeof made.name === 'string' && made.name.length <= 256 ? made.name : '',
  };
  if (made.methods.includes('match'))
    resolver.match = async (query) => (await host.call({ op: 'match', handle, query })) as ContainerRef[];
  if (made.methods.includes('list'))
    resolver.list = async () => (await host.call({ op: 'list', handle })) as ContainerRef[];
  if (made.methods.includes('refresh'))
    resolver.refresh = async (ref) => (await host.call({ op: 'refresh', handle, ref })) as ContainerRef | undefined;
  return resolver as ContainerResolver;
}
