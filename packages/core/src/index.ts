export type {
  Counter,
  CpuUsage,
  Throttling,
  PsiData,
  PsiStats,
  CpuStats,
  CpusetStats,
  MemoryEntry,
  MemoryEvents,
  MemoryStats,
  PidsStats,
  BlkioEntry,
  BlkioStats,
  HugetlbStats,
  L3CacheInfo,
  MemBwInfo,
  IntelRdtStats,
  InterfaceStats,
  TcpStats,
  UdpStats,
  NetworkOrigin,
  NetworkStats,
  Stats,
  StatsSection,
} from './model/stats.js';
export { STATS_SECTIONS, swapBytes } from './model/stats.js';
export type { Shape, ShapeObject } from './model/stats-shape.js';
export { STATS_SHAPE } from './model/stats-shape.js';
export { checkStats, MAX_STATS_STRING, MAX_STATS_ITEMS } from './model/check-stats.js';
export type { SampleIssue, Sample, StatsEvent, OomEvent, Event, SchemaName } from './model/event.js';
export { SCHEMA_NAMES, FULL_SCHEMA_VERSION } from './model/event.js';
export type {
  KnownEngine,
  EngineName,
  PodContainerType,
  PodIdentity,
  ContainerIdentity,
} from './model/container-identity.js';
export { ENGINE_NAMES, IDENTITY_LIMITS } from './model/container-identity.js';
export { boundIdentity, boundLabels, isBoundedIdentity } from './identity/bound-identity.js';
export { setOwn } from './identity/set-own.js';
export { parseDiscover } from './identity/parse-discover.js';
export type { AnnotationIdentity } from './identity/identity-from-annotations.js';
export {
  identityFromAnnotations,
  isInternalAnnotation,
  hasCrioAnnotations,
} from './identity/identity-from-annotations.js';
export { engineOf, refKey, qualifierOf, answersToQualifier, namesOf, compareRefs } from './identity/container-names.js';
export type { ErrorKind, KatamonErrorOptions } from './errors/katamon-error.js';
export { KatamonError, ERROR_KINDS, errorKindOf } from './errors/katamon-error.js';
export { jsonSyntaxProblem } from './errors/json-syntax-problem.js';
export type {
  ContainerStatus,
  CgroupV1Paths,
  CgroupV2Path,
  CgroupPaths,
  KataSandboxRef,
  ContainerRef,
} from './ports/container-ref.js';
export { isLive } from './ports/container-ref.js';
export type { CheckedRef } from './ports/check-container-ref.js';
export { checkContainerRef } from './ports/check-container-ref.js';
export type { ContainerResolver } from './ports/container-resolver.js';
export type { SourceResult, OomSignal, SampleScope, StatsSource } from './ports/stats-source.js';
export type { Clock, Scheduler } from './ports/scheduler.js';
export type { LogLevel, Logger } from './ports/logger.js';
export { silentLogger } from './ports/logger.js';
export type {
  PluginApiVersion,
  PluginContext,
  SourceFactory,
  ResolverFactory,
  PluginManifest,
} from './plugin/plugin-manifest.js';
export { PLUGIN_API_VERSION, NOT_ON_THIS_HOST } from './plugin/plugin-manifest.js';
export type { ProbedPath, HostProbeReport, HostProbe } from './plugin/host-probe.js';
export { definePlugin } from './plugin/define-plugin.js';
export { validateContainerId, isValidContainerId, MAX_CONTAINER_ID_LENGTH } from './ids/validate-container-id.js';
export type { ContainerQuery } from './ids/parse-container-query.js';
export { parseContainerQuery } from './ids/parse-container-query.js';
export { CORE_VERSION } from './version.js';
export type { StreamEndReason, StreamItem, StreamOptions, Katamon, KatamonHealth } from './usecases/katamon.js';
export type { SectionPrecedence } from './merge/section-precedence.js';
export {
  defaultSectionPrecedence,
  isKataContainer,
  KATA_AGENT_SOURCE,
  CGROUP_V1_SOURCE,
  CGROUP_V2_SOURCE,
  NETNS_SOURCE,
} from './merge/section-precedence.js';
export type { SourceOutcome, MergedStats } from './merge/merge-source-results.js';
export { mergeSourceResults } from './merge/merge-source-results.js';
export { resolveContainer, PREFIX_QUERY_LIMIT } from './usecases/resolve-container.js';
export { listContainers } from './usecases/list-containers.js';
export { acceptRef } from './usecases/accept-ref.js';
export type { LabelSelector, ContainerFilter } from './usecases/filter-containers.js';
export { parseLabelSelector, isEmptyFilter, matchesFilter, filterContainers } from './usecases/filter-containers.js';
export type { DoctorEngine, DoctorContainerIssue, DoctorReport } from './usecases/diagnose-katamon.js';
export { diagnoseKatamon } from './usecases/diagnose-katamon.js';
export type { SampleContainerDeps } from './usecases/sample-container.js';
export { sampleContainer, sampleContainerNow, DEFAULT_SOURCE_DEADLINE_MS } from './usecases/sample-container.js';
export { checkSourceResult } from './usecases/check-source-result.js';
export { DEFAULT_SUBSCRIBER_QUEUE_LENGTH } from './usecases/subscriber-queue.js';
export type { CreateKatamonOptions } from './usecases/create-katamon.js';
export { createKatamon } from './usecases/create-katamon.js';
export { encodeEvent } from './encoding/encode-event.js';
export type { EncodeOptions } from './encoding/encode-event.js';
export { decodeEvent } from './encoding/decode-event.js';
export { schemaSpecifier } from './encoding/schema-file.js';
export { goString, compareUtf8, wellFormed } from './encoding/go-string.js';
export { parseJsonExact } from './encoding/parse-json-exact.js';
export type { JsonValue, JsonObject } from './encoding/parse-json-exact.js';
export { parseGoDuration } from './duration/parse-go-duration.js';
export { formatGoDuration } from './duration/format-go-duration.js';
export {
  zeroCpu,
  zeroCpuset,
  zeroMemoryEntry,
  zeroMemory,
  zeroPids,
  zeroBlkio,
  zeroTcp,
  zeroUdp,
} from './encoding/zero-stats.js';
