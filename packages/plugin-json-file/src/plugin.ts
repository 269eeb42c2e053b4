import { definePlugin, PLUGIN_API_VERSION, type PluginContext } from '@katamon/core';
import { createJsonFileResolver } from './json-file-resolver.js';
import { createProcPidSource } from './proc-pid-source.js';

/** Where the containers file is: plugin config `file`, else $KATAMON_JSON_CONTAINERS, else /etc/katamon/containers.json. */
export function containersFileFrom(ctx: PluginContext): string {
  const configured = ctx.config.file;
  if (typeof configured === 'string' && configured !== '') return configured;
  return process.env.KATAMON_JSON_CONTAINERS || '/etc/katamon/containers.json';
}

export const plugin = definePlugin({
  name: 'katamon-plugin-json-file',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  resolvers: [
    {
      kind: 'json-file',
      create: (ctx: PluginContext) => createJsonFileResolver(containersFileFrom(ctx), ctx.roots.proc, ctx.roots.cgroup),
    },
  ],
  sources: [{ kind: 'proc-pid', create: (ctx: PluginContext) => createProcPidSource(ctx.roots.proc) }],
});
