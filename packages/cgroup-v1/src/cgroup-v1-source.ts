import { KatamonError, type ContainerRef, type SampleScope, type StatsSource } from '@katamon/core';
import { cgroupAreasOf, createCgroupReader, createCgroupStatsSource, type CgroupReaderSettings } from '@katamon/sysfs';
import { isStaticV1File, isWriteOnlyV1File } from './static-files.js';
import { SOURCE_NAME, readCgroupV1StatsSync, type ReadCgroupV1Options } from './read-cgroup-v1-stats.js';
import { watchOomV1, type WatchOomV1Options } from './watch-oom-v1.js';

export interface CgroupV1SourceOptions extends Omit<ReadCgroupV1Options, 'reader'>, CgroupReaderSettings {
  oom?: WatchOomV1Options;
}

function pathsOf(ref: ContainerRef): Readonly<Record<string, string>> {
  if (ref.cgroup?.version !== 1) throw new KatamonError('unsupported', `container ${ref.id} has no cgroup v1 paths`);
  return ref.cgroup.paths;
}

/** The cgroup v1 stats source: one reader (cached descriptors) shared by every container it reads. */
export function createCgroupV1Source(options: CgroupV1SourceOptions = {}): StatsSource {
  const reader = createCgroupReader(options, {
    isStatic: isStaticV1File,
    untilWritten: isWriteOnlyV1File,
  });
  const readOptions: ReadCgroupV1Options = { ...options, reader };
  // Batch keys by paths object, which a stream (or a fleet sweep over the same refs) keeps from tick to tick:
  // the same string each time, so its hash is computed once.
  const keys = new WeakMap<object, Partial<Record<SampleScope, string>>>();
  return createCgroupStatsSource({
    name: SOURCE_NAME,
    version: 1,
    reader,
    locate: pathsOf,
    dirs: (paths) => Object.values(paths),
    key: (paths, scope) => {
      let byScope = keys.get(paths);
      if (byScope === undefined) keys.set(paths, (byScope = {}));
      return (byScope[scope] ??= `${Object.values(paths).join('\0')}\0${scope}`);
    },
    read: (paths, scope) => readCgroupV1StatsSync(paths, scope === 'all' ? readOptions : { ...readOptions, scope }),
    watchOom: (ref, signal) => {
      const memory = pathsOf(ref)['memory'];
      // runc: "memory controller missing".
      if (memory === undefined) throw new KatamonError('unsupported', `container ${ref.id}: memory controller missing`);
      return watchOomV1(memory, signal, { ...options.oom, areas: cgroupAreasOf(options) });
    },
  });
}
