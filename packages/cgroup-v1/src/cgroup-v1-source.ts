import {
  KatamonError,
  type ContainerRef,
  type SourceResult,
  type StatsSource,
} from '@katamon/core';
import { PseudoFileReader } from '@katamon/sysfs';
import { isStaticV1File } from './static-files.js';
import {
  SOURCE_NAME,
  readCgroupV1StatsSync,
  type ReadCgroupV1Options,
} from './read-cgroup-v1-stats.js';
import { watchOomV1, type WatchOomV1Options } from './watch-oom-v1.js';

export interface CgroupV1SourceOptions
  extends Omit<ReadCgroupV1Options, 'reader'> {
  /** Descriptor cap of the source's reader. */
  maxOpenFiles?: number;
  /**
   * Re-read limit files (see static-files.ts) at most this often, ms; default 0: every sample, as runc
   * does. For fleets: about half the reads per sweep, a changed limit shows up at most this late.
   */
  staticRefreshMs?: number;
  oom?: WatchOomV1Options;
}

function pathsOf(ref: ContainerRef): Readonly<Record<string, string>> {
  if (ref.cgroup?.version !== 1)
    throw new KatamonError(
      'unsupported',
      `container ${ref.id} has no cgroup v1 paths`,
    );
  return ref.cgroup.paths;
}

/** The cgroup v1 stats source: one reader (cached descriptors) shared by every container it reads. */
export function createCgroupV1Source(
  options: CgroupV1SourceOptions = {},
): StatsSource {
  const reader = new PseudoFileReader({
    ...(options.maxOpenFiles === undefined
      ? {}
      : { maxOpenFiles: options.maxOpenFiles }),
    staticFiles: {
      refreshMs: options.staticRefreshMs ?? 0,
      isStatic: isStaticV1File,
    },
  });
  const readOptions: ReadCgroupV1Options = { ...options, reader };
  const forget = (paths: Readonly<Record<string, string>>): void => {
    for (const dir of Object.values(paths)) reader.forget(dir);
  };
  // cgroupfs reads never wait on a device: a sample calls this directly (see StatsSource.collectSync).
  // A container's files are re-read in one native call per sample (PseudoFileReader.batch), keyed by its
  // paths object, which a stream keeps from tick to tick.
  const keys = new WeakMap<object, string>();
  const keyOf = (paths: Readonly<Record<string, string>>): string => {
    let key = keys.get(paths);
    if (key === undefined) {
      key = Object.values(paths).join('\0');
      keys.set(paths, key);
    }
    return key;
  };
  const collectSync = (ref: ContainerRef): SourceResult => {
    const paths = pathsOf(ref);
    try {
      return reader.batch(keyOf(paths), () =>
        readCgroupV1StatsSync(paths, readOptions),
      );
    } catch (error) {
      forget(paths);
      throw error;
    }
  };
  return {
    name: SOURCE_NAME,
    probe: (ref) => (ref.cgroup?.version === 1 ? 'handle' : 'skip'),
    collect: async (ref, signal) => {
      signal?.throwIfAborted();
      return collectSync(ref);
    },
    collectSync,
    watchOom: (ref, signal) => {
      const memory = pathsOf(ref)['memory'];
      // runc: "memory controller missing".
      if (memory === undefined)
        throw new KatamonError(
          'unsupported',
          `container ${ref.id}: memory controller missing`,
        );
      return watchOomV1(memory, signal, options.oom);
    },
    release: (ref) => {
      if (ref === undefined) reader.close();
      else if (ref.cgroup?.version === 1) forget(ref.cgroup.paths);
    },
  };
}
