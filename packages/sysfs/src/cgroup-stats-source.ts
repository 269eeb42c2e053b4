import type { ContainerRef, OomSignal, SampleScope, SourceResult, StatsSource } from '@katamon/core';
import type { PseudoFileReader } from './pseudo-file-reader.js';

/** What differs between the cgroup v1 and v2 sources; {@link createCgroupStatsSource} does the rest. */
export interface CgroupStatsSourceSpec<Location> {
  name: string;
  version: 1 | 2;
  /** The source's reader: one for every container it reads (cached descriptors). */
  reader: PseudoFileReader;
  /** Where the container's cgroup is (v1: paths by controller, v2: a directory); throws when it has none. */
  locate(ref: ContainerRef): Location;
  /** The directories of a location, forgotten when a read fails or the container is released. */
  dirs(location: Location): readonly string[];
  /** The batch key of a location read in `scope` (PseudoFileReader.batch): each scope reads its own files. */
  key(location: Location, scope: SampleScope): string;
  /** One sample of `scope`, synchronously, through `reader`. */
  read(location: Location, scope: SampleScope): SourceResult;
  watchOom(ref: ContainerRef, signal: AbortSignal): AsyncIterable<OomSignal>;
}

/**
 * A cgroup stats source: `collectSync` reads a container's files in one native batch per sample
 * (cgroupfs reads never wait on a device, so a sample calls it directly, see StatsSource.collectSync);
 * `collect` is the same behind a promise. A failed read forgets the container's descriptors, so a cgroup
 * recreated under the same name is opened afresh.
 */
export function createCgroupStatsSource<Location>(spec: CgroupStatsSourceSpec<Location>): StatsSource {
  const { reader } = spec;
  const forget = (location: Location): void => {
    for (const dir of spec.dirs(location)) reader.forget(dir);
  };
  const collectSync = (ref: ContainerRef, scope: SampleScope = 'all'): SourceResult => {
    const location = spec.locate(ref);
    // Each scope reads its own file list, so each has its own batch plan.
    try {
      return reader.batch(spec.key(location, scope), () => spec.read(location, scope));
    } catch (error) {
      forget(location);
      throw error;
    }
  };
  return {
    name: spec.name,
    probe: (ref) => (ref.cgroup?.version === spec.version ? 'handle' : 'skip'),
    collect: async (ref, signal, scope) => {
      signal?.throwIfAborted();
      return collectSync(ref, scope);
    },
    collectSync,
    watchOom: (ref, signal) => spec.watchOom(ref, signal),
    release: (ref) => {
      if (ref === undefined) reader.close();
      else if (ref.cgroup?.version === spec.version) forget(spec.locate(ref));
    },
  };
}
