export { plugin } from './plugin.js';
export type { CgroupV2SourceOptions } from './cgroup-v2-source.js';
export { createCgroupV2Source } from './cgroup-v2-source.js';
export type { ReadCgroupV2Options } from './read-cgroup-v2-stats.js';
export {
  readCgroupV2Stats,
  readCgroupV2StatsSync,
  SOURCE_NAME,
} from './read-cgroup-v2-stats.js';
export type { FileReader } from '@katamon/sysfs';
export { readCpu, parseCpuStat } from './cpu.js';
export type { ReadMemoryOptions } from './memory.js';
export { readMemory, parseMemoryEvents } from './memory.js';
export { readIo, parseIoStat } from './io.js';
export { readPids } from './pids.js';
export { readHugetlb } from './hugetlb.js';
export { readPsi, parsePsi } from './psi.js';
export type { WatchOomV2Options } from './watch-oom-v2.js';
export { watchOomV2 } from './watch-oom-v2.js';
