import { KatamonError, type ContainerRef, type SourceResult, type StatsSource } from '@katamon/core';
import type { Created, PluginWorkerHost } from './plugin-worker-host.js';

const NOTHING: SourceResult = Object.freeze({ stats: Object.freeze({}) }) as SourceResult;

/**
 * A source living in a plugin's worker, seen from the host. `probe` must answer synchronously, which a worker
 * cannot: the worker probes at the start of each collect and says `skip` or collects; the answer is kept per
 * ref object (a probe decides from the ref alone), so a container the plugin skips costs one round trip, and
 * later samples of it never reach the worker. Until the worker has answered, the probe says `handle`; while the
 * plugin is down it says `skip` for refs it never handled, and nothing at all once it is disabled.
 * Its results are still unchecked: `guardSource` checks them.
 */
export function proxySource(host: PluginWorkerHost, made: Created): StatsSource {
  const probes = new WeakMap<ContainerRef, 'handle' | 'skip'>();
  const { handle } = made;
  const name = typeof made.name === 'string' && made.name.length <= 256 ? made.name : '';
  const source: Partial<StatsSource> & { name: string } = { name };
  if (made.methods.includes('probe'))
    source.probe = (ref) => {
      if (host.disabled) return 'skip';
      return probes.get(ref) ?? (host.up ? 'handle' : 'skip');
    };
  if (made.methods.includes('collect'))
    source.collect = async (ref, signal, scope = 'all') => {
      const reply = (await host.call({ op: 'collect', handle, ref, scope }, signal)) as {
        probe?: unknown;
        result?: unknown;
      } | null;
      if (reply?.probe === 'skip') {
        probes.set(ref, 'skip');
        return NOTHING;
      }
      if (reply?.probe !== 'handle')
        throw new KatamonError('plugin', `source ${name}: malformed answer from its worker`);
      probes.set(ref, 'handle');
      return reply.result as SourceResult;
    };
  if (made.methods.includes('watchOom'))
    source.watchOom = (ref, signal) => host.watch({ op: 'watch', handle, ref }, signal) as AsyncIterable<never>;
  if (made.methods.includes('release'))
    source.release = async (ref?: ContainerRef) => {
      if (!host.up) return;
      await host.call(ref === undefined ? { op: 'release', handle } : { op: 'release', handle, ref });
    };
  return source as StatsSource;
}
