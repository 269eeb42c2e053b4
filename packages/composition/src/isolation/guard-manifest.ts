import type { ContainerResolver, PluginContext, StatsSource } from '@katamon/core';
import { guardResolver } from './guard-resolver.js';
import { guardSource } from './guard-source.js';

/**
 * A third-party manifest loaded in this thread (not isolated), whose factories return guarded objects:
 * results checked against the model (and copied first, since the plugin keeps references to them), errors
 * mapped to kinds. A value that is not a well-formed manifest is returned as it is, for `validateManifests`
 * to reject with its usual message; so is an object a factory made that lacks a required method.
 */
export function guardManifest(candidate: unknown): unknown {
  if (typeof candidate !== 'object' || candidate === null) return candidate;
  const m = candidate as Record<string, unknown>;
  const sources = m['sources'];
  const resolvers = m['resolvers'];
  if ((sources !== undefined && !Array.isArray(sources)) || (resolvers !== undefined && !Array.isArray(resolvers)))
    return candidate;
  const guarded: Record<string, unknown> = { ...m };
  if (sources !== undefined) guarded['sources'] = sources.map((f: unknown) => wrap(f, guardIfSource));
  if (resolvers !== undefined) guarded['resolvers'] = resolvers.map((f: unknown) => wrap(f, guardIfResolver));
  return guarded;
}

function wrap(factory: unknown, guard: (made: unknown) => unknown): unknown {
  const create = (factory as { create?: unknown } | null)?.create;
  if (typeof create !== 'function') return factory;
  return {
    ...(factory as object),
    create: async (ctx: PluginContext) => guard(await (create as (c: PluginContext) => unknown).call(factory, ctx)),
  };
}

function guardIfSource(made: unknown): unknown {
  const s = made as Partial<StatsSource> | null;
  const whole =
    typeof s?.name === 'string' &&
    s.name !== '' &&
    typeof s.probe === 'function' &&
    typeof s.collect === 'function' &&
    (['collectSync', 'watchOom', 'release'] as const).every((k) => s[k] === undefined || typeof s[k] === 'function');
  return whole ? guardSource(s as StatsSource, { copy: true }) : made;
}

function guardIfResolver(made: unknown): unknown {
  const r = made as Partial<ContainerResolver> | null;
  const whole =
    typeof r?.name === 'string' &&
    r.name !== '' &&
    typeof r.match === 'function' &&
    typeof r.list === 'function' &&
    typeof r.refresh === 'function';
  return whole ? guardResolver(r as ContainerResolver) : made;
}
