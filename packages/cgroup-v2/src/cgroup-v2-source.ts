import { KatamonError, type ContainerRef, type StatsSource } from '@katamon/core';
import { cgroupAreasOf, createCgroupReader, createCgroupStatsSource, type CgroupReaderSettings } from '@katamon/sysfs';
import { isStaticV2File } from './static-files.js';
import { SOURCE_NAME, readCgroupV2StatsSync, type ReadCgroupV2Options } from './read-cgroup-v2-stats.js';
import { watchOomV2, type WatchOomV2Options } from './watch-oom-v2.js';

export interface CgroupV2SourceOptions extends Omit<ReadCgroupV2Options, 'reader'>, CgroupReaderSettings {
  oom?: WatchOomV2Options;
}

/** `metrics` batch keys remembered before the memo starts over (one per container directory read). */
const MAX_METRICS_KEYS = 65536;

function dirOf(ref: ContainerRef): string {
  if (ref.cgroup?.version !== 2) {
    throw new KatamonError('unsupported', `container ${ref.id} has no cgroup v2 directory`);
  }
  return ref.cgroup.path;
}

/** The cgroup v2 stats source: one reader (cached descriptors) shared by every container it reads. */
export function createCgroupV2Source(options: CgroupV2SourceOptions = {}): StatsSource {
  // Absent optional files are remembered briefly only: enabling a controller in the parent's
  // cgroup.subtree_control makes its files appear in a live v2 cgroup.
  const reader = createCgroupReader(options, {
    isStatic: isStaticV2File,
    // Every v2 static file (a limit) changes only when written.
    untilWritten: isStaticV2File,
    missingTtlMs: 2000,
  });
  const readOptions: ReadCgroupV2Options = { ...options, reader };
  const metricsOptions: ReadCgroupV2Options = {
    ...readOptions,
    scope: 'metrics',
  };
  // The `metrics` batch key of each directory, made once: a sweep builds no key string per container.
  const metricsKeys = new Map<string, string>();
  const metricsKey = (dir: string): string => {
    let key = metricsKeys.get(dir);
    if (key === undefined) {
      if (metricsKeys.size >= MAX_METRICS_KEYS) metricsKeys.clear();
      key = `${dir}\0metrics`;
      metricsKeys.set(dir, key);
    }
    return key;
  };
  return createCgroupStatsSource({
    name: SOURCE_NAME,
    version: 2,
    reader,
    locate: dirOf,
    dirs: (dir) => [dir],
    key: (dir, scope) => (scope === 'all' ? dir : metricsKey(dir)),
    read: (dir, scope) => readCgroupV2StatsSync(dir, scope === 'all' ? readOptions : metricsOptions),
    watchOom: (ref, signal) => watchOomV2(dirOf(ref), signal, { ...options.oom, areas: cgroupAreasOf(options) }),
  });
}
