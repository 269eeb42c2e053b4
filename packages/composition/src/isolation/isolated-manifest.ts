import type { ContainerResolver, PluginContext, StatsSource } from '@katamon/core';
import { guardResolver } from './guard-resolver.js';
import { guardSource } from './guard-source.js';
import type { PluginWorkerHost } from './plugin-worker-host.js';
import { proxyResolver } from './proxy-resolver.js';
import { proxySource } from './proxy-source.js';

// Global, like the DI tokens: a duplicate copy of this package still recognises an isolated manifest.
const HOST = Symbol.for('@katamon/composition/IsolatedPluginHost');

/** The host of an isolated plugin's manifest; undefined for any other value. */
export function hostOf(candidate: unknown): PluginWorkerHost | undefined {
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  return (candidate as { [HOST]?: PluginWorkerHost })[HOST];
}

/**
 * A manifest built from what a worker said about its plugin: the same fields (anything of the wrong type
 * becomes `null`, so `validateManifests` rejects it as it would the original), and factories that create the
 * objects in the worker and return guarded proxies of them. Not an object: `null`, rejected as such.
 */
export function isolatedManifest(description: unknown, host: PluginWorkerHost): unknown {
  if (!isRecord(description)) return null;
  const manifest: Record<string, unknown> = {
    name: short(description['name']),
    apiVersion: short(description['apiVersion']),
    coreRange: short(description['coreRange']),
  };
  const requires = description['requires'];
  if (requires !== undefined) manifest['requires'] = Array.isArray(requires) ? requires.map(short) : null;
  for (const group of ['sources', 'resolvers'] as const) {
    const list = description[group];
    if (list === undefined) continue;
    manifest[group] = Array.isArray(list) ? list.map((f: unknown, index) => factory(host, group, index, f)) : null;
  }
  Object.defineProperty(manifest, HOST, { value: host });
  return manifest;
}

function factory(host: PluginWorkerHost, group: 'sources' | 'resolvers', index: number, described: unknown) {
  if (!isRecord(described)) return null;
  const kind = short(described['kind']);
  if (described['create'] !== true) return { kind, create: null };
  return {
    kind,
    create: async (ctx: PluginContext): Promise<StatsSource | ContainerResolver> => {
      const made = await host.create({ op: 'create', group, index, config: ctx.config, roots: ctx.roots }, ctx.logger);
      if (group === 'resolvers') {
        const resolver = proxyResolver(host, made);
        const whole = resolver.name !== '' && ['match', 'list', 'refresh'].every((m) => made.methods.includes(m));
        return whole ? guardResolver(resolver) : resolver;
      }
      const source = proxySource(host, made);
      const whole = source.name !== '' && made.methods.includes('probe') && made.methods.includes('collect');
      return whole ? guardSource(source, { copy: false }) : source;
    },
  };
}

function short(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 256 ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
