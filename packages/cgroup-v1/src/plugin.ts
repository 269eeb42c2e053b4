import { PLUGIN_API_VERSION, definePlugin } from '@katamon/core';
import { cgroupSourceSettings } from '@katamon/sysfs';
import { createCgroupV1Source } from './cgroup-v1-source.js';

/**
 * The cgroup v1 plugin: one source, `cgroup-v1`, that handles containers whose ref has v1 paths.
 * Settings: `maxOpenFiles`, `staticRefreshMs` (limit files re-read at most this often, ms; default: every
 * sample), `oomPollMs`.
 */
export const plugin = definePlugin({
  name: '@katamon/cgroup-v1',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  sources: [{ kind: 'cgroup-v1', create: (ctx) => createCgroupV1Source(cgroupSourceSettings(ctx)) }],
});
