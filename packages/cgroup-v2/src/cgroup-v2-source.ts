import {
  KatamonError,
  type ContainerRef,
  type SourceResult,
  type StatsSource,
} from '@katamon/core';
import { PseudoFileReader } from '@katamon/sysfs';
import { isStaticV2File } from './static-files.js';
import {
  SOURCE_NAME,
  readCgroupV2StatsSync,
  type ReadCgroupV2Options,
} from './read-cgroup-v2-stats.js';
import { watchOomV2, type WatchOomV2Options } from './watch-oom-v2.js';

export interface CgroupV2SourceOptions
  extends Omit<ReadCgroupV2Options, 'reader'> {
  /** Descriptor cap of the source's reader. */
  maxOpenFiles?: number;
  /**
   * Re-read limit files (see static-files.ts) at most this often, ms; default 0: every sample, as runc
   * does. For fleets: about half the reads per sweep, a changed limit shows up at most this late.
   */
  staticRefreshMs?: number;
  oom?: WatchOomV2Options;
}

function dirOf(ref: ContainerRef): string {
  if (ref.cgroup?.version !== 2) {
    throw new KatamonError(
      'unsupported',
      `container ${ref.id} has no cgroup v2 directory`,
    );
  }
  return ref.cgroup.path;
}

/** The cgroup v2 stats source: one reader (cached descriptors) shared by every container it reads. */
export function createCgroupV2Source(
  options: CgroupV2SourceOptions = {},
): StatsSource {
  // Absent optional files are remembered briefly only: enabling a controller in the parent's
  // cgroup.subtree_control makes its files appear in a live v2 cgroup.
  const reader = new PseudoFileReader({
    missingTtlMs: 2000,
    ...(options.maxOpenFiles === undefined
      ? {}
      : { maxOpenFiles: options.maxOpenFiles }),
    staticFiles: {
      refreshMs: options.staticRefreshMs ?? 0,
      isStatic: isStaticV2File,
    },
  });
  const readOptions: ReadCgroupV2Options = { ...options, reader };
  // cgroupfs reads never wait on a device: a sample calls this directly (see StatsSource.collectSync).
  const collectSync = (ref: ContainerRef): SourceResult => {
    const dir = dirOf(ref);
    try {
      // The cgroup's files re-read in one native call per sample (PseudoFileReader.batch).
      return reader.batch(dir, () => readCgroupV2StatsSync(dir, readOptions));
    } catch (error) {
      reader.forget(dir);
      throw error;
    }
  };
  return {
    name: SOURCE_NAME,
    probe: (ref) => (ref.cgroup?.version === 2 ? 'handle' : 'skip'),
    collect: async (ref, signal) => {
      signal?.throwIfAborted();
      return collectSync(ref);
    },
    collectSync,
    watchOom: (ref, signal) => watchOomV2(dirOf(ref), signal, options.oom),
    release: (ref) => {
      if (ref === undefined) reader.close();
      else if (ref.cgroup?.version === 2) reader.forget(ref.cgroup.path);
    },
  };
}
