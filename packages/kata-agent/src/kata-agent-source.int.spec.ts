import type { ContainerRef, PluginContext } from '@katamon/core';
import { silentLogger } from '@katamon/core';
import { waitUntil } from '@katamon/core-testing';
import {
  FakeAgent,
  encodeMetrics,
  encodeStatsContainerResponse,
  requestedContainerId,
  rustError,
  type FakeAgentOptions,
} from '@katamon/test-fixtures';
import { createKataAgentSource } from './kata-agent-source.js';
import { plugin } from './plugin.js';

const cgroupStats = { pidsStats: { current: 4n, limit: 64n }, hugetlbStats: new Map() };
const METRICS = [
  '# HELP kata_guest_netdev_stat Guest net devices stats.',
  '# TYPE kata_guest_netdev_stat gauge',
  'kata_guest_netdev_stat{interface="eth0",item="recv_bytes"} 1500',
  'kata_guest_netdev_stat{interface="lo",item="sent_bytes"} 20',
].join('\n');

function agent(overrides: Partial<FakeAgentOptions['handlers']> = {}): Promise<FakeAgent> {
  return FakeAgent.listen({
    handlers: {
      'grpc.AgentService/StatsContainer': (req) =>
        requestedContainerId(req) === 'c1'
          ? { payload: encodeStatsContainerResponse({ cgroupStats, networkStats: [] }) }
          : rustError(3, 'invalid container id'),
      'grpc.AgentService/GetMetrics': () => ({ payload: encodeMetrics(METRICS) }),
      ...overrides,
    } as FakeAgentOptions['handlers'],
  });
}

const ref = (id: string, agentUrl?: string): ContainerRef => ({
  id,
  runtime: 'kata',
  resolver: 'kata',
  status: 'running',
  sandbox: { id: 'sb', ...(agentUrl === undefined ? {} : { agentUrl }) },
});

describe('kata-agent source', () => {
  it('probes refs that carry an agent URL', () => {
    const source = createKataAgentSource();
    expect(source.probe(ref('c1', 'vsock://3:1024'))).toBe('handle');
    expect(source.probe(ref('c1'))).toBe('skip');
    expect(source.probe({ id: 'r', runtime: 'runc', resolver: 'runc', status: 'running' })).toBe('skip');
  });

  it('collects cgroup stats and guest interfaces from GetMetrics (origin agent-metrics)', async () => {
    const fake = await agent();
    const source = createKataAgentSource();
    const { stats, issues } = await source.collect(ref('c1', fake.url));
    expect(issues).toBeUndefined();
    expect(stats.pids).toEqual({ current: 4n, limit: 64n });
    expect(stats.network?.origin).toBe('agent-metrics');
    expect(stats.network?.interfaces.map((i) => [i.name, i.rxBytes, i.txBytes])).toEqual([
      ['lo', 0n, 20n],
      ['eth0', 1500n, 0n],
    ]);
    await source.release?.();
    await fake.close();
  });

  it('prefers StatsContainer network_stats when the agent fills them (origin agent)', async () => {
    const nic = {
      name: 'eth0',
      rxBytes: 1n,
      rxPackets: 2n,
      rxErrors: 3n,
      rxDropped: 4n,
      txBytes: 5n,
      txPackets: 6n,
      txErrors: 7n,
      txDropped: 8n,
    };
    const fake = await agent({
      'grpc.AgentService/StatsContainer': () => ({
        payload: encodeStatsContainerResponse({ cgroupStats, networkStats: [nic] }),
      }),
    });
    const source = createKataAgentSource();
    const { stats } = await source.collect(ref('c1', fake.url));
    expect(stats.network).toMatchObject({ origin: 'agent', interfaces: [{ ...nic }] });
    await source.release?.();
    await fake.close();
  });

  it('keeps cgroup data and reports an issue when GetMetrics is denied by policy', async () => {
    const fake = await agent({
      'grpc.AgentService/GetMetrics': () => rustError(7, 'GetMetricsRequest is blocked by policy'),
    });
    const source = createKataAgentSource();
    const { stats, issues } = await source.collect(ref('c1', fake.url));
    expect(stats.pids?.current).toBe(4n);
    expect(stats.network).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ source: 'kata-agent', kind: 'permission-denied' })]);
    await source.release?.();
    await fake.close();
  });

  it('reads a container the agent does not know as gone', async () => {
    const fake = await agent();
    const source = createKataAgentSource();
    await expect(source.collect(ref('vanished', fake.url))).rejects.toMatchObject({ kind: 'gone', grpcCode: 3 });
    await source.release?.();
    await fake.close();
  });

  it('shares one connection per agent and closes it when its last container is released', async () => {
    const fake = await agent();
    const source = createKataAgentSource({ guestNetwork: false });
    await Promise.all([source.collect(ref('c1', fake.url)), source.collect(ref('c1', fake.url))]);
    const other = ref('vanished', fake.url);
    await source.collect(other).catch(() => undefined);
    expect(fake.connections.accepted).toBe(1);
    await source.release?.(other);
    expect(fake.connections.accepted).toBe(1);
    await source.release?.(ref('c1', fake.url));
    // The agent sees the close when its socket reads the FIN.
    await waitUntil(() => (fake.connections.open === 0 ? true : undefined), {
      what: 'the agent to see its last connection closed',
      describe: () => `${fake.connections.open} open`,
    });
    expect(fake.requests.every((r) => r.method === 'StatsContainer')).toBe(true);
    await fake.close();
  });

  it('is exported as a plugin with the kata resolver and the kata-agent source', async () => {
    expect(plugin.name).toBe('@katamon/kata-agent');
    const ctx: PluginContext = {
      config: { callTimeoutMs: 500 },
      logger: silentLogger,
      scheduler: { now: () => 0, setTimer: () => () => undefined },
      roots: { kata: '/nonexistent/vc', kataShim: '/nonexistent/kata:/nonexistent/kata2' },
    };
    const source = await plugin.sources?.[0]?.create(ctx);
    const resolver = await plugin.resolvers?.[0]?.create(ctx);
    expect(source?.name).toBe('kata-agent');
    expect(resolver?.name).toBe('kata');
    expect(await resolver?.list()).toEqual([]);
  });
});
