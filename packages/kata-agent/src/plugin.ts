import { join } from 'node:path';
import { definePlugin, PLUGIN_API_VERSION } from '@katamon/core';
import type { PluginContext } from '@katamon/core';
import { probeKata } from './discovery/probe-kata.js';
import { createKataResolver } from './discovery/kata-resolver.js';
import { createKataAgentSource } from './kata-agent-source.js';

const rootList = (value: string): string[] => value.split(':').filter((part) => part !== '');

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** Settings from `ctx.config`: `callTimeoutMs`, `dialTimeoutMs`, `guestNetwork`. */
function sourceOptions(ctx: PluginContext): Parameters<typeof createKataAgentSource>[0] {
  const callTimeoutMs = num(ctx.config['callTimeoutMs']);
  const dialTimeoutMs = num(ctx.config['dialTimeoutMs']);
  return {
    ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }),
    ...(dialTimeoutMs === undefined ? {} : { connection: { dialTimeoutMs } }),
    ...(typeof ctx.config['guestNetwork'] === 'boolean' ? { guestNetwork: ctx.config['guestNetwork'] } : {}),
  };
}

/** The Kata plugin: the `kata` resolver (roots `kata`, `kataShim`) and the `kata-agent` stats source. */
export const plugin = definePlugin({
  name: '@katamon/kata-agent',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  sources: [{ kind: 'kata-agent', create: (ctx: PluginContext) => createKataAgentSource(sourceOptions(ctx)) }],
  resolvers: [
    {
      kind: 'kata',
      // `kata` is the Go runtime's root (/run/vc; sandboxes under sbs/), `kataShim` runtime-rs's (/run/kata);
      // either may be a ':'-separated list. `containerdState` holds the bundles of Kata containers run by containerd.
      probe: probeKata,
      create: (ctx: PluginContext) =>
        createKataResolver({
          ...(ctx.roots['kata'] === undefined ? {} : { roots: rootList(ctx.roots['kata']).map((r) => join(r, 'sbs')) }),
          ...(ctx.roots['kataShim'] === undefined ? {} : { shimRoots: rootList(ctx.roots['kataShim']) }),
          ...(ctx.roots['containerdState'] === undefined ? {} : { containerdState: ctx.roots['containerdState'] }),
        }),
    },
  ],
});
