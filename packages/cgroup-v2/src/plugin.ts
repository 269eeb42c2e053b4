import { PLUGIN_API_VERSION, definePlugin, type PluginContext } from '@katamon/core';
import { cgroupSourceSettings } from '@katamon/sysfs';
import { createCgroupV2Source, type CgroupV2SourceOptions } from './cgroup-v2-source.js';

/**
 * The v2 source's options from its plugin context: cgroupSourceSettings (reads confined to cgroupfs below
 * `ctx.roots.cgroup`), and `memoryEvents: false` when configured: only the `full` schema prints
 * memory.events, so apps that never print it can save the read.
 */
export function cgroupV2SourceOptions(ctx: PluginContext): CgroupV2SourceOptions {
  const options: CgroupV2SourceOptions = cgroupSourceSettings(ctx);
  if (ctx.config['memoryEvents'] === false) options.memoryEvents = false;
  return options;
}

/**
 * The cgroup v2 plugin: one source, `cgroup-v2`, that handles containers whose ref has a v2 directory.
 * Settings: `maxOpenFiles`, `staticRefreshMs` (limit files re-read at most this often, ms; default: every
 * sample), `oomPollMs`, `memoryEvents: false`.
 */
export const plugin = definePlugin({
  name: '@katamon/cgroup-v2',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  sources: [{ kind: 'cgroup-v2', create: (ctx) => createCgroupV2Source(cgroupV2SourceOptions(ctx)) }],
});
