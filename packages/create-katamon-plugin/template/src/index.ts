import { definePlugin, PLUGIN_API_VERSION, type PluginContext } from '@katamon/core';
import { createPidFileResolver } from './pid-file-resolver.js';
import { createProcessSource } from './process-source.js';

/** Where the pid files are: the `dir` setting of this plugin in katamon's config file, else /run/__KIND__. */
export function pidFileDir(ctx: PluginContext): string {
  const dir = ctx.config['dir'];
  return typeof dir === 'string' && dir !== '' ? dir : '/run/__KIND__';
}

/**
 * The manifest katamon loads: a plain object, no side effects on import. katamon refuses it unless `apiVersion` is
 * the one its core speaks and its core version is in `coreRange` (the range of @katamon/core this was built for).
 */
export const plugin = definePlugin({
  name: '__PLUGIN_NAME__',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '__CORE_RANGE__',
  resolvers: [
    { kind: 'pid-files', create: (ctx: PluginContext) => createPidFileResolver(pidFileDir(ctx), ctx.roots['proc']) },
  ],
  sources: [{ kind: 'process', create: (ctx: PluginContext) => createProcessSource(ctx.roots['proc']) }],
});
