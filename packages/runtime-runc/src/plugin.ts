import { definePlugin, PLUGIN_API_VERSION, type PluginContext } from '@katamon/core';
import { DEFAULT_RUNC_ROOTS, RuncResolver } from './runc-resolver.js';
import type { StateRoot } from './state-root.js';

/** `ctx.roots.runc` / `ctx.roots.crun` are ':'-separated lists; an absent key keeps that runtime's default. */
export function stateRootsOf(roots: Readonly<Record<string, string>>): StateRoot[] {
  const out: StateRoot[] = [];
  for (const runtime of ['runc', 'crun']) {
    const configured = roots[runtime];
    if (configured === undefined) {
      out.push(...DEFAULT_RUNC_ROOTS.filter((r) => r.runtime === runtime));
      continue;
    }
    for (const path of configured.split(':'))
      if (path !== '') out.push({ path: path.replace(/\/+$/, '') || '/', runtime });
  }
  return out;
}

export const plugin = definePlugin({
  name: '@katamon/runtime-runc',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  resolvers: [
    {
      kind: 'runc',
      create: (ctx: PluginContext) =>
        new RuncResolver({ roots: stateRootsOf(ctx.roots), cgroupRoot: ctx.roots['cgroup'] }),
    },
  ],
});
