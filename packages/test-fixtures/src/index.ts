export type { RuncContainer, RuncContainerOptions, RuncResult } from './runc/runc-container.js';
export { startRuncContainer, runcAvailable, IDLE_COMMAND, BUSY_COMMAND } from './runc/runc-container.js';
export type { FakeAgentRequest, FakeAgentReply, FakeAgentHandler, FakeAgentOptions } from './fake-agent/fake-agent.js';
export { FakeAgent, rustError, requestedContainerId } from './fake-agent/fake-agent.js';
export type {
  FakeStatsContainerResponse,
  FakeCgroupStats,
  FakeMemoryData,
  FakeBlkioEntry,
  FakeNetworkStats,
  EncodeOptions as FakeAgentEncodeOptions,
} from './fake-agent/agent-wire.js';
export {
  encodeStatsContainerResponse,
  encodeMetrics,
  encodeHealthCheck,
  encodeVersionCheck,
  FAKE_BLKIO_FIELDS,
} from './fake-agent/agent-wire.js';
export { WireWriter } from './fake-agent/proto-wire.js';
export type { FakeShimOptions } from './fake-agent/fake-shim.js';
export { FakeShim } from './fake-agent/fake-shim.js';
export type { PluginModuleSpec } from './plugin/write-plugin-module.js';
export { writePluginModule } from './plugin/write-plugin-module.js';
export { fixedContainersPlugin } from './plugin/fixed-containers-plugin.js';
export { metricsView, metricsCounters } from './scope/metrics-view.js';
export { inotifyWatchCount } from './proc/inotify-watches.js';
export type { HeldClock } from './clock/hold-uptime-clock.js';
export { holdUptimeClock } from './clock/hold-uptime-clock.js';
export { fakeTreeArea, FAKE_TREE_AREAS } from './fake-tree/fake-tree-area.js';
