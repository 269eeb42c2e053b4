export type { ArbitraryOptions } from './arbitraries/arbitrary-options.js';
export {
  COUNTER_BOUNDARIES,
  INT64_BOUNDARIES,
  counterArbitrary,
  int64Arbitrary,
  counterListArbitrary,
} from './arbitraries/counter.arbitrary.js';
export { oddStringArbitrary, nonEmptyOddStringArbitrary, mapArbitrary } from './arbitraries/odd-string.arbitrary.js';
export { cpuUsageArbitrary } from './arbitraries/cpu-usage.arbitrary.js';
export { throttlingArbitrary } from './arbitraries/throttling.arbitrary.js';
export { psiDataArbitrary, psiStatsArbitrary } from './arbitraries/psi-stats.arbitrary.js';
export { cpuStatsArbitrary } from './arbitraries/cpu-stats.arbitrary.js';
export { cpusetStatsArbitrary } from './arbitraries/cpuset-stats.arbitrary.js';
export { memoryEntryArbitrary } from './arbitraries/memory-entry.arbitrary.js';
export { memoryEventsArbitrary } from './arbitraries/memory-events.arbitrary.js';
export { memoryStatsArbitrary } from './arbitraries/memory-stats.arbitrary.js';
export { pidsStatsArbitrary } from './arbitraries/pids-stats.arbitrary.js';
export { blkioEntryArbitrary } from './arbitraries/blkio-entry.arbitrary.js';
export { blkioStatsArbitrary } from './arbitraries/blkio-stats.arbitrary.js';
export { hugetlbStatsArbitrary, hugetlbMapArbitrary } from './arbitraries/hugetlb-stats.arbitrary.js';
export { l3CacheInfoArbitrary, memBwInfoArbitrary, intelRdtArbitrary } from './arbitraries/intel-rdt.arbitrary.js';
export { interfaceStatsArbitrary } from './arbitraries/interface-stats.arbitrary.js';
export { tcpStatsArbitrary } from './arbitraries/tcp-stats.arbitrary.js';
export { udpStatsArbitrary } from './arbitraries/udp-stats.arbitrary.js';
export { networkStatsArbitrary } from './arbitraries/network-stats.arbitrary.js';
export { statsArbitrary } from './arbitraries/stats.arbitrary.js';
export { sampleIssueArbitrary, sampleMetaArbitrary } from './arbitraries/sample.arbitrary.js';
export { podIdentityArbitrary, containerIdentityArbitrary } from './arbitraries/container-identity.arbitrary.js';
export { eventIdArbitrary, statsEventArbitrary } from './arbitraries/stats-event.arbitrary.js';
export { oomEventArbitrary, eventArbitrary } from './arbitraries/event.arbitrary.js';
export type { FakeScheduler } from './scheduler/create-fake-scheduler.js';
export { createFakeScheduler } from './scheduler/create-fake-scheduler.js';
export type { TreeSpec, TempDir } from './fake-tree/write-tree.js';
export { writeTree, createTempDir } from './fake-tree/write-tree.js';
export { writeCgroupV1Tree, writeCgroupV2Tree } from './fake-tree/cgroup-trees.js';
export type { ProcNetFiles, SocketLine } from './fake-tree/proc-net-tree.js';
export { writeProcNetTree, renderNetDev, renderSocketTable } from './fake-tree/proc-net-tree.js';
export type { StatsSourceFixtures, DescribeStatsSourceOptions } from './conformance/describe-stats-source.js';
export { describeStatsSource } from './conformance/describe-stats-source.js';
export { checkStats, checkIssues } from './conformance/check-stats.js';
export { testPluginContext, testHostContext, testContainerRef } from './plugin/test-plugin-context.js';
export type {
  ContainerResolverFixtures,
  DescribeContainerResolverOptions,
} from './conformance/describe-container-resolver.js';
export { describeContainerResolver } from './conformance/describe-container-resolver.js';
export type { WaitOptions } from './wait/wait-until.js';
export { waitUntil } from './wait/wait-until.js';
export type { VitestRun, VitestTestResult } from './vitest/run-vitest-json.js';
export { runVitestJson, INSTALLED_VITEST } from './vitest/run-vitest-json.js';
export type { MountedSecret } from './fake-tree/mounted-secret.js';
export { mountedSecret } from './fake-tree/mounted-secret.js';
