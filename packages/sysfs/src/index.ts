export type { SysfsErrorKind, SysfsErrorOptions } from './sysfs-error.js';
export { SysfsError, isNotFound } from './sysfs-error.js';
export type { PseudoFileReaderOptions } from './pseudo-file-reader-options.js';
export { PseudoFileReader } from './pseudo-file-reader.js';
export type { ReadArea } from './read-areas.js';
export {
  PROC_SUPER_MAGIC,
  CGROUP_FILESYSTEMS,
  KERNEL_AREAS,
  cgroupArea,
  procArea,
  isBelow,
  trimRoot,
  pathSyntaxProblem,
  confinementProblem,
  filesystemName,
} from './read-areas.js';
export { DEFAULT_MAX_FILE_BYTES } from './read-buffers.js';
export type { ReadRegularFileOptions } from './read-regular-file.js';
export { readRegularFile } from './read-regular-file.js';
export type { ReaderCounters } from './reader-counters.js';
export { UINT64_MAX, INT64_MAX, parseUintStrict, parseIntStrict, parseUintOrNegative } from './parse-uint.js';
export { forEachLine, splitFields, trimSpace } from './text-lines.js';
export {
  parseSingleUint,
  parseSingleInt,
  parseKeyValueLine,
  forEachKeyValue,
  parseKeyValueMap,
  valueByKey,
} from './cgroup-values.js';
export type { MountInfoEntry } from './mountinfo.js';
export { parseMountinfo, unescapeMountPath } from './mountinfo.js';
export type { CgroupMount, CgroupMounts } from './cgroup-mounts.js';
export { CGROUP2_SUPER_MAGIC, CGROUP_SUPER_MAGIC, findCgroupMounts, v1Controllers } from './cgroup-mounts.js';
export type { ProcCgroupEntry } from './proc-cgroup.js';
export { parseProcCgroup, resolveV1Paths, resolveUnifiedPath } from './proc-cgroup.js';
export { hugePageLabel, readHugePageSizes } from './hugepage-sizes.js';
export { AsyncChannel } from './async-channel.js';
export type { FileReader } from './default-reader.js';
export { defaultReader, joinPath, readParsed, tryReadParsed } from './default-reader.js';
export type {
  SetTimer,
  CgroupFileKinds,
  CgroupReaderSettings,
  CgroupSourceSettings,
} from './cgroup-source-settings.js';
export {
  LIMIT_WRITE_CHECK_MS,
  cgroupAreasOf,
  createCgroupReader,
  setTimeoutTimer,
  cgroupSourceSettings,
} from './cgroup-source-settings.js';
export type { CgroupStatsSourceSpec } from './cgroup-stats-source.js';
export { createCgroupStatsSource } from './cgroup-stats-source.js';
export type { OomCounterSpec } from './watch-oom-counter.js';
export { watchOomCounter } from './watch-oom-counter.js';
export type { BatchReadAddon } from './native-batch.js';
export { batchAddonCandidates, loadBatchReadAddon } from './native-batch.js';
export type { NativeAddonSpec } from './native-addon.js';
export { loadNativeAddon, nativeAddonFile, reportNativeAddonsTo } from './native-addon.js';
export type { BoundedReadOptions } from './read-bounded-file.js';
export { readBoundedFile, pathWithinRoot } from './read-bounded-file.js';
export type { EngineJson } from './read-engine-json.js';
export { readEngineJson, fieldOf, stringOf } from './read-engine-json.js';
export type { BundleAnnotations } from './read-bundle-annotations.js';
export { readBundleAnnotations } from './read-bundle-annotations.js';
export { idSubdirectories } from './id-subdirectories.js';
