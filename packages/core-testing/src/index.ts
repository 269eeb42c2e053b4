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
