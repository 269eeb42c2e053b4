import { describeStatsSource } from '@katamon/core-testing';
import {
  encodeMetrics,
  encodeStatsContainerResponse,
  FakeAgent,
  requestedContainerId,
  rustError,
} from '@katamon/test-fixtures';
import type { ContainerRef } from '@katamon/core';
import { createKataAgentSource } from './kata-agent-source.js';

const full = encodeStatsContainerResponse({
  cgroupStats: {
    cpuStats: {
      cpuUsage: { totalUsage: 5000n, percpuUsage: [2500n, 2500n], usageInKernelmode: 1000n, usageInUsermode: 4000n },
      throttlingData: { periods: 3n, throttledPeriods: 1n, throttledTime: 7n },
    },
    memoryStats: {
      cache: 4096n,
      usage: { usage: 8192n, maxUsage: 16384n, failcnt: 0n, limit: 9223372036854771712n },
      useHierarchy: true,
      stats: new Map([
        ['cache', 4096n],
        ['rss', 4096n],
      ]),
    },
    pidsStats: { current: 2n, limit: 0n },
    blkioStats: {
      ioServiceBytesRecursive: [{ major: 8n, minor: 0n, op: 'read', value: 512n }],
      ioServicedRecursive: [],
      ioQueuedRecursive: [],
      ioServiceTimeRecursive: [],
      ioWaitTimeRecursive: [],
      ioMergedRecursive: [],
      ioTimeRecursive: [],
      sectorsRecursive: [],
    },
    hugetlbStats: new Map([['2MB', { usage: 0n, maxUsage: 0n, failcnt: 0n }]]),
  },
  networkStats: [],
});

const agents: FakeAgent[] = [];
const ref = (id: string, agent: FakeAgent): ContainerRef => ({
  id,
  runtime: 'kata',
  resolver: 'kata',
  status: 'running',
  sandbox: { id: 'sandbox', agentUrl: agent.url },
});

// The shared StatsSource contract, against Rust-style fake agents over real unix sockets.
describeStatsSource('kata-agent', {
  create: () => createKataAgentSource({ callTimeoutMs: 2_000 }),
  async refs() {
    const rich = await FakeAgent.listen({
      handlers: {
        'grpc.AgentService/StatsContainer': (req) =>
          requestedContainerId(req) === 'gone' ? rustError(3, 'invalid container id') : { payload: full },
        'grpc.AgentService/GetMetrics': () => ({
          payload: encodeMetrics('kata_guest_netdev_stat{interface="eth0",item="recv_bytes"} 42\n'),
        }),
      },
    });
    // An agent with one controller and a policy that denies GetMetrics (CoCo).
    const bare = await FakeAgent.listen({
      handlers: {
        'grpc.AgentService/StatsContainer': () => ({
          payload: encodeStatsContainerResponse({
            cgroupStats: { pidsStats: { current: 1n, limit: 0n }, hugetlbStats: new Map() },
            networkStats: [],
          }),
        }),
        'grpc.AgentService/GetMetrics': () => rustError(7, 'GetMetricsRequest is blocked by policy'),
      },
    });
    agents.push(rich, bare);
    return {
      handled: [ref('c1', rich)],
      minimal: [ref('m1', bare)],
      skipped: [
        { id: 'runc', runtime: 'runc', resolver: 'runc', status: 'running', pid: 1 },
        { id: 'no-url', runtime: 'kata', resolver: 'kata', status: 'running', sandbox: { id: 'sandbox' } },
      ],
      gone: ref('gone', rich),
    };
  },
  cleanup: async () => {
    await Promise.all(agents.map((a) => a.close()));
  },
  sections: ['cpu', 'memory', 'pids', 'blkio', 'hugetlb', 'network'],
  requiredSections: ['cpu', 'memory', 'pids', 'blkio', 'network'],
});
