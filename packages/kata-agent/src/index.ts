export { KataAgentError, GrpcCode, kindOfGrpcCode } from './errors/kata-agent-error.js';
export type { KataAgentErrorOptions } from './errors/kata-agent-error.js';
export { ProtoReader, WireType } from './protobuf/proto-reader.js';
export { ProtoWriter } from './protobuf/proto-writer.js';
export { FRAME_HEADER_LENGTH, MESSAGE_LENGTH_MAX, MessageType, encodeFrame } from './ttrpc/frame.js';
export type { FrameHeader } from './ttrpc/frame.js';
export { FrameParser } from './ttrpc/frame-parser.js';
export type { FrameSink } from './ttrpc/frame-parser.js';
export { encodeRequest, decodeResponse } from './ttrpc/envelope.js';
export type { TtrpcRequest, TtrpcResponse, TtrpcStatus } from './ttrpc/envelope.js';
export { TtrpcClient } from './ttrpc/ttrpc-client.js';
export type { CallOptions, TtrpcClientOptions } from './ttrpc/ttrpc-client.js';
export { AgentClient } from './agent/agent-client.js';
export type { TtrpcCaller } from './agent/agent-client.js';
export { AGENT_SERVICE, HEALTH_SERVICE, ServingStatus, encodeStatsContainerRequest } from './agent/agent-messages.js';
export type { VersionCheckResponse } from './agent/agent-messages.js';
export { decodeStatsContainerResponse } from './agent/stats-container-response.js';
export type {
  StatsContainerResponse,
  AgentCgroupStats,
  AgentCpuStats,
  AgentCpuUsage,
  AgentThrottlingData,
  AgentMemoryStats,
  AgentMemoryData,
  AgentPidsStats,
  AgentBlkioStats,
  AgentBlkioEntry,
  AgentHugetlbStats,
  AgentNetworkStats,
} from './agent/stats-container-response.js';
export { parseAgentUrl } from './transport/agent-url.js';
export type { AgentAddress } from './transport/agent-url.js';
export { AgentConnection } from './transport/agent-connection.js';
export type { AgentConnectionOptions } from './transport/agent-connection.js';
export { dialAgent } from './transport/dial-agent.js';
export type { AgentStream, DialOptions } from './transport/dial-agent.js';
export { loadVsockAddon, VSOCK_ADDON } from './native/vsock-addon.js';
export type { VsockAddon } from './native/vsock-addon.js';
export { parsePrometheusText, parseGoFloat, exactInteger } from './metrics/prometheus-text.js';
export type { PromSample, PromFamily, PromText } from './metrics/prometheus-text.js';
export { guestInterfaces, selectFamily, GUEST_NETDEV_METRIC } from './metrics/guest-netdev.js';
export { cgroupStatsToModel, guestCgroupVersion } from './stats/cgroup-stats-to-model.js';
export { createKataAgentSource, KATA_AGENT_SOURCE } from './kata-agent-source.js';
export type { KataAgentSourceOptions } from './kata-agent-source.js';
export {
  createKataResolver,
  KATA_RESOLVER,
  DEFAULT_KATA_ROOT,
  DEFAULT_KATA_SHIM_ROOT,
} from './discovery/kata-resolver.js';
export type { KataResolverOptions } from './discovery/kata-resolver.js';
export { fetchShimAgentUrl } from './discovery/fetch-shim-agent-url.js';
export { KataIdentities, DEFAULT_CONTAINERD_STATE } from './discovery/kata-identities.js';
export { probeKata } from './discovery/probe-kata.js';
export { plugin } from './plugin.js';
