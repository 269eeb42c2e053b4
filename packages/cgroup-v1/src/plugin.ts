import { PLUGIN_API_VERSION, definePlugin } from '@katamon/core';
import {
  createCgroupV1Source,
  type CgroupV1SourceOptions,
} from './cgroup-v1-source.js';

function numberSetting(
  config: Readonly<Record<string, unknown>>,
  key: string,
): number | undefined {
  const v = config[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** The cgroup v1 plugin: one source, `cgroup-v1`, that handles containers whose ref has v1 paths. */
export const plugin = definePlugin({
  name: '@katamon/cgroup-v1',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  sources: [
    {
      kind: 'cgroup-v1',
      create: (ctx) => {
        const options: CgroupV1SourceOptions = {
          oom: { setTimer: (ms, fn) => ctx.scheduler.setTimer(ms, fn) },
        };
        const maxOpenFiles = numberSetting(ctx.config, 'maxOpenFiles');
        if (maxOpenFiles !== undefined) options.maxOpenFiles = maxOpenFiles;
        const pollMs = numberSetting(ctx.config, 'oomPollMs');
        if (pollMs !== undefined && options.oom) options.oom.pollMs = pollMs;
        return createCgroupV1Source(options);
      },
    },
  ],
});
