export { plugin } from './plugin.js';
export type { CgroupV1SourceOptions } from './cgroup-v1-source.js';
export { createCgroupV1Source } from './cgroup-v1-source.js';
export type { ReadCgroupV1Options } from './read-cgroup-v1-stats.js';
export {
  readCgroupV1Stats,
  readCgroupV1StatsSync,
  SOURCE_NAME,
} from './read-cgroup-v1-stats.js';
export {
  readCpuacct,
  parseCpuacctStat,
  parsePercpu,
  parseUsageAll,
} from './cpuacct.js';
export { readCpu, parseCpuStatV1 } from './cpu.js';
export { readMemory, readMemoryEntry } from './memory.js';
export { readPids } from './pids.js';
export { readBlkio, parseBlkioFile, BLKIO_GROUPS } from './blkio.js';
export { readHugetlb } from './hugetlb.js';
export { readCpuset, parseCpusetList } from './cpuset.js';
export { isStaticV1File, isWriteOnlyV1File } from './static-files.js';
export type { WatchOomV1Options } from './watch-oom-v1.js';
export { watchOomV1 } from './watch-oom-v1.js';
