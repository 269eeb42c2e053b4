import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AgentClient,
  AgentConnection,
  FrameParser,
  KataAgentError,
  TtrpcClient,
  decodeResponse,
  encodeFrame,
  encodeRequest,
  encodeStatsContainerRequest,
  guestInterfaces,
  parsePrometheusText,
  type StatsContainerResponse,
} from '@katamon/kata-agent';
import { KNOWN_ID, requireGoTtrpc, startKataAgentRef, type RunningAgentRef } from './kata-agent-ref.js';

const SVC = 'grpc.AgentService';
const e = (major: bigint, minor: bigint, op: string, value: bigint) => ({ major, minor, op, value });

/** The values of knownStats() in go/main.go, written out by hand. */
const EXPECTED: StatsContainerResponse = {
  cgroupStats: {
    cpuStats: {
      cpuUsage: {
        totalUsage: 214098440n,
        percpuUsage: [107049220n, 107049220n],
        usageInKernelmode: 130000000n,
        usageInUsermode: 10000000n,
      },
      throttlingData: { periods: 120n, throttledPeriods: 7n, throttledTime: 18446744073709551615n },
    },
    memoryStats: {
      cache: 827392n,
      usage: { usage: 1204224n, maxUsage: 34201600n, failcnt: 0n, limit: 9223372036854771712n },
      swapUsage: { usage: 1204224n, maxUsage: 34201600n, failcnt: 0n, limit: 9223372036854771712n },
      kernelUsage: { usage: 221184n, maxUsage: 421888n, failcnt: 3n, limit: 9223372036854771712n },
      useHierarchy: true,
      stats: new Map([
        ['cache', 827392n],
        ['rss', 4096n],
        ['total_cache', 827392n],
        ['pgfault', 6765n],
        ['pgmajfault', 0n],
        ['hierarchical_memory_limit', 9223372036854771712n],
        ['<odd>&key', 1n],
      ]),
    },
    pidsStats: { current: 3n, limit: 64n },
    blkioStats: {
      ioServiceBytesRecursive: [e(8n, 0n, 'read', 4096n), e(8n, 0n, 'write', 8192n), e(8n, 0n, 'total', 12288n)],
      ioServicedRecursive: [e(8n, 0n, 'read', 1n), e(8n, 0n, 'write', 2n)],
      ioQueuedRecursive: [e(8n, 0n, 'total', 5n)],
      ioServiceTimeRecursive: [],
      ioWaitTimeRecursive: [],
      ioMergedRecursive: [],
      ioTimeRecursive: [e(8n, 16n, '', 77n)],
      sectorsRecursive: [e(8n, 0n, '', 24n)],
    },
    hugetlbStats: new Map([
      ['1GB', { usage: 0n, maxUsage: 0n, failcnt: 0n }],
      ['2MB', { usage: 2097152n, maxUsage: 4194304n, failcnt: 1n }],
    ]),
  },
  networkStats: [],
};

/** Sorted map entries: Go iterates maps in random order, so entry order on the wire is arbitrary. */
function normalized(r: StatsContainerResponse): unknown {
  const cg = r.cgroupStats;
  return {
    ...r,
    cgroupStats: cg && {
      ...cg,
      memoryStats: cg.memoryStats && { ...cg.memoryStats, stats: [...cg.memoryStats.stats].sort() },
      hugetlbStats: [...cg.hugetlbStats].sort(),
    },
  };
}

/** One raw frame in, one response out: for requests katamon's client never produces. */
async function rawCall(
  path: string,
  streamId: number,
  body: Uint8Array,
): Promise<{ streamId: number; status?: { code: number; message: string } }> {
  const socket = connect({ path });
  return new Promise((resolve, reject) => {
    const parser = new FrameParser({
      frame: (h, b) => {
        socket.destroy();
        const res = decodeResponse(b);
        resolve({ streamId: h.streamId, ...(res.status === undefined ? {} : { status: res.status }) });
      },
      oversized: () => reject(new Error('oversized')),
    });
    socket.on('data', (d: Buffer) => parser.push(d));
    socket.on('error', reject);
    socket.write(encodeFrame(streamId, 1, 0, body));
  });
}

describe('interop with Go ttrpc 1.1.1 (Debian)', () => {
  let dir: string;
  let agent: RunningAgentRef;

  beforeAll(async () => {
    requireGoTtrpc();
    dir = await mkdtemp(join(tmpdir(), 'kref-'));
    agent = await startKataAgentRef(dir);
  }, 300_000);

  afterAll(async () => {
    await agent?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['unix', () => `unix://${agent.unixPath}`],
    ['hybrid vsock', () => `hvsock://${agent.hvsockPath}:1024`],
  ])('decodes every StatsContainer value exactly over %s', async (_, url) => {
    const conn = new AgentConnection(url());
    const client = new AgentClient(conn);
    const got = await client.statsContainer(KNOWN_ID);
    expect(normalized(got)).toEqual(normalized(EXPECTED));
    expect(await client.check()).toBe(1);
    expect(await client.version()).toEqual({ grpcVersion: 'ttrpc-1.1.1', agentVersion: '0.0.1' });
    conn.close();
  });

  it('reads guest interfaces from GetMetrics', async () => {
    const conn = new AgentConnection(`unix://${agent.unixPath}`);
    const text = await new AgentClient(conn).getMetrics();
    const zero = { rxErrors: 0n, rxDropped: 0n, txErrors: 0n, txDropped: 0n };
    expect(guestInterfaces(parsePrometheusText(text).samples)).toEqual([
      { ...zero, name: 'lo', rxBytes: 100n, rxPackets: 1n, txBytes: 100n, txPackets: 1n },
      {
        name: 'eth0',
        rxBytes: 12345678n,
        rxPackets: 9876n,
        rxErrors: 0n,
        rxDropped: 2n,
        txBytes: 654321n,
        txPackets: 4321n,
        txErrors: 1n,
        txDropped: 0n,
      },
    ]);
    conn.close();
  });

  it('maps every error status the reference produces, on a connection that stays usable', async () => {
    const conn = new AgentConnection(`unix://${agent.unixPath}`);
    const client = new AgentClient(conn);
    await expect(client.statsContainer('missing')).rejects.toMatchObject({
      kind: 'invalid-argument',
      grpcCode: 3,
      message: 'invalid container id',
    });
    await expect(client.statsContainer('boom')).rejects.toMatchObject({
      kind: 'unavailable',
      grpcCode: 2,
      message: 'cgroup read failed',
    });
    await expect(client.statsContainer('slow', { timeoutMs: 5_000, serverTimeoutMs: 50 })).rejects.toMatchObject({
      kind: 'timeout',
      grpcCode: 4,
      message: 'context deadline exceeded',
    });
    await expect(client.statsContainer('big')).rejects.toMatchObject({
      grpcCode: 8,
      message: expect.stringMatching(/^message length \d+ exceed maximum message size of 4194304$/),
    });
    await expect(conn.call('grpc.Nope', 'X', new Uint8Array(0))).rejects.toMatchObject({
      kind: 'unsupported',
      grpcCode: 12,
      message: 'service grpc.Nope',
    });
    await expect(conn.call(SVC, 'Nope', new Uint8Array(0))).rejects.toMatchObject({
      kind: 'unsupported',
      grpcCode: 12,
      message: 'method Nope',
    });
    await expect(conn.call(SVC, 'StatsContainer', Uint8Array.of(0x0a, 0x05, 0x01))).rejects.toMatchObject({
      grpcCode: 13,
      message: expect.stringMatching(/^ttrpc: error unmarshalling payload/),
    });
    // still the first connection, still answering
    expect((await client.statsContainer('anything')).cgroupStats?.pidsStats?.current).toBe(1n);
    conn.close();
  });

  it('gets RESOURCE_EXHAUSTED for a request over 4 MiB, and the stream stays in sync', async () => {
    const { connect: dial } = await import('node:net');
    const socket = dial({ path: agent.unixPath });
    const client = new TtrpcClient(socket, { maxMessageLength: 8 << 20 });
    await expect(client.call(SVC, 'StatsContainer', new Uint8Array((4 << 20) + 1))).rejects.toMatchObject({
      kind: 'unavailable',
      grpcCode: 8,
      message: expect.stringMatching(/exceed maximum message size of 4194304$/),
    });
    const ok = await client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('x'));
    expect(ok.length).toBeGreaterThan(0);
    client.close();
  });

  it('answers an even stream id and an undecodable envelope with INVALID_ARGUMENT', async () => {
    const body = encodeRequest({
      service: SVC,
      method: 'StatsContainer',
      payload: encodeStatsContainerRequest('x'),
      timeoutNano: 0n,
      metadata: [],
    });
    const even = await rawCall(agent.unixPath, 2, body);
    expect(even).toEqual({
      streamId: 2,
      status: { code: 3, message: 'StreamID must be odd for client initiated streams' },
    });
    expect(KataAgentError.fromStatus(3, even.status?.message ?? '').kind).toBe('invalid-argument');
    const garbage = await rawCall(agent.unixPath, 1, Uint8Array.of(0x0a, 0xff, 0xff));
    expect(garbage.status?.code).toBe(3);
    expect(garbage.status?.message).toMatch(/unmarshal request error/);
  });

  it('fails calls with unavailable when the reference agent goes away', async () => {
    const own = await mkdtemp(join(tmpdir(), 'kref2-'));
    const second = await startKataAgentRef(own);
    const conn = new AgentConnection(`unix://${second.unixPath}`, {
      dialTimeoutMs: 200,
      minBackoffMs: 20,
      maxBackoffMs: 40,
    });
    const client = new AgentClient(conn);
    const pending = client
      .statsContainer('slow', { timeoutMs: 10_000, serverTimeoutMs: 0 })
      .catch((err: unknown) => err);
    await second.printed('SLOW'); // the request is in the agent's handler
    await second.stop();
    expect(await pending).toMatchObject({ kind: 'unavailable', message: 'ttrpc: closed' });
    await expect(client.check()).rejects.toMatchObject({ kind: 'unavailable' });
    conn.close();
    await rm(own, { recursive: true, force: true });
  });
});
