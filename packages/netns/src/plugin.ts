import { definePlugin, PLUGIN_API_VERSION, type PluginContext } from '@katamon/core';
import { NetnsSource } from './netns-source.js';

export const plugin = definePlugin({
  name: '@katamon/netns',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  sources: [
    { kind: 'netns', create: (ctx: PluginContext) => new NetnsSource({ procRoot: ctx.roots['proc'] ?? '/proc' }) },
  ],
});
