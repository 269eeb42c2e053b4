import { getEventListeners } from 'node:events';
import { connect } from 'node:net';
import fc from 'fast-check';
import { FakeAgent, requestedContainerId, rustError, type FakeAgentOptions } from '@katamon/test-fixtures';
import { encodeStatsContainerRequest } from '../agent/agent-messages.js';
import { KataAgentError } from '../errors/kata-agent-error.js';
import { TtrpcClient } from './ttrpc-client.js';

const SVC = 'grpc.AgentService';
const text = (b: Uint8Array): string => Buffer.from(b).toString();
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function open(agent: FakeAgent): Promise<TtrpcClient> {
  const socket = connect({ path: agent.path });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return new TtrpcClient(socket, { defaultTimeoutMs: 5_000 });
}

/** Echo handler: answers the container id back as payload, after a per-call delay. */
function echoAgent(extra: Partial<FakeAgentOptions> = {}, delays: Map<string, number> = new Map()): Promise<FakeAgent> {
  return FakeAgent.listen({
    handlers: {
      [`${SVC}/StatsContainer`]: async (req) => {
        const id = requestedContainerId(req);
        await delay(delays.get(id) ?? 0);
        if (id === 'missing') return rustError(3, 'invalid container id');
        return { payload: Buffer.from(`stats:${id}`) };
      },
    },
    ...extra,
  });
}

/** Deterministic chunking from a seed: sizes 1..17 bytes. */
function splitter(seed: number): (bytes: Uint8Array) => Uint8Array[] {
  let s = seed >>> 0 || 1;
  return (bytes) => {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; ) {
      s = (s * 1103515245 + 12345) >>> 0;
      const n = 1 + (s % 17);
      parts.push(bytes.subarray(i, i + n));
      i += n;
    }
    return parts;
  };
}

describe('TtrpcClient against the fake Rust agent', () => {
  it('runs many calls at once, answered in any order, on odd strictly increasing ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 15 }), { minLength: 1, maxLength: 25 }), async (delays) => {
        const ids = delays.map((_, i) => `c${i}`);
        const agent = await echoAgent({}, new Map(ids.map((id, i) => [id, delays[i] as number])));
        const client = await open(agent);
        try {
          const results = await Promise.all(
            ids.map((id) => client.call(SVC, 'StatsContainer', encodeStatsContainerRequest(id))),
          );
          expect(results.map(text)).toEqual(ids.map((id) => `stats:${id}`));
          const streamIds = agent.requests.map((r) => r.streamId);
          expect(streamIds).toEqual(ids.map((_, i) => 2 * i + 1));
          expect(client.pendingCalls).toBe(0);
          expect(client.bufferedBytes).toBe(0);
        } finally {
          client.close();
          await agent.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('reassembles answers split into random chunks or coalesced into one write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 12 }),
        async (seed, coalesce, n) => {
          const agent = await echoAgent(coalesce ? { coalesce: true } : { split: splitter(seed) });
          const client = await open(agent);
          try {
            const ids = Array.from({ length: n }, (_, i) => `id-${seed}-${i}`);
            const results = await Promise.all(
              ids.map((id) => client.call(SVC, 'StatsContainer', encodeStatsContainerRequest(id))),
            );
            expect(results.map(text)).toEqual(ids.map((id) => `stats:${id}`));
            expect(client.bufferedBytes).toBe(0);
          } finally {
            client.close();
            await agent.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('settles every call by its deadline whatever mix of answers, errors and stalls the agent produces', async () => {
    type Behaviour = { kind: 'answer' | 'error' | 'stall'; delayMs: number };
    const behaviourArb = fc.record({
      kind: fc.constantFrom('answer', 'error', 'stall'),
      delayMs: fc.nat({ max: 30 }),
    }) as fc.Arbitrary<Behaviour>;
    await fc.assert(
      fc.asyncProperty(fc.array(behaviourArb, { minLength: 1, maxLength: 20 }), async (plan) => {
        const agent = await FakeAgent.listen({
          handlers: {
            [`${SVC}/StatsContainer`]: async (req) => {
              const b = plan[Number(requestedContainerId(req))] as Behaviour;
              await delay(b.delayMs);
              if (b.kind === 'stall') return { stall: true };
              return b.kind === 'error' ? rustError(13, 'cgroup gone') : { payload: Buffer.from('ok') };
            },
          },
        });
        const client = await open(agent);
        try {
          // Local deadline 300 ms; the agent is told 200 ms, so some stalls come back as its DEADLINE_EXCEEDED.
          const outcomes = await Promise.allSettled(
            plan.map((_, i) =>
              client.call(SVC, 'StatsContainer', encodeStatsContainerRequest(String(i)), {
                timeoutMs: 300,
                serverTimeoutMs: 200,
              }),
            ),
          );
          outcomes.forEach((o, i) => {
            const b = plan[i] as Behaviour;
            if (b.kind === 'answer') expect(o).toMatchObject({ status: 'fulfilled' });
            else if (b.kind === 'error')
              expect(o).toMatchObject({ status: 'rejected', reason: { grpcCode: 13, message: '"cgroup gone"' } });
            else expect(o).toMatchObject({ status: 'rejected', reason: { kind: 'timeout' } });
          });
          expect(client.pendingCalls).toBe(0);
        } finally {
          client.close();
          await agent.close();
        }
      }),
      { numRuns: 10 },
    );
  });

  it('accepts the Rust `0a 00` OK status and the Go absent status alike', async () => {
    for (const okStatus of ['rust', 'go'] as const) {
      const agent = await echoAgent({ okStatus });
      const client = await open(agent);
      expect(text(await client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('x')))).toBe('stats:x');
      client.close();
      await agent.close();
    }
  });

  it('maps the agent error statuses to typed errors carrying code and message verbatim', async () => {
    const agent = await echoAgent();
    const client = await open(agent);
    await expect(client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('missing'))).rejects.toMatchObject({
      kind: 'invalid-argument',
      grpcCode: 3,
      message: '"invalid container id"',
    });
    await expect(client.call('grpc.Nope', 'X', new Uint8Array(0))).rejects.toMatchObject({
      kind: 'invalid-argument',
      grpcCode: 3,
      message: 'grpc.Nope service does not exist',
    });
    await expect(client.call(SVC, 'Nope', new Uint8Array(0))).rejects.toMatchObject({
      kind: 'unsupported',
      grpcCode: 12,
      message: 'Nope method',
    });
    // the connection survives every status error
    expect(text(await client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('ok')))).toBe('stats:ok');
    client.close();
    await agent.close();
  });

  it('fails only the call whose answer is over 4 MiB, skipping its body', async () => {
    const big = Buffer.alloc(10 + (4 << 20) + 1);
    big.writeUInt32BE((4 << 20) + 1, 0);
    big[8] = 2;
    const agent = await FakeAgent.listen({
      handlers: {
        [`${SVC}/StatsContainer`]: (req) => {
          if (requestedContainerId(req) !== 'big') return { payload: Buffer.from('small') };
          big.writeUInt32BE(req.streamId, 4);
          return { wire: big };
        },
      },
    });
    const client = await open(agent);
    const [bigResult, small] = await Promise.allSettled([
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('big')),
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('other')),
    ]);
    expect(bigResult).toMatchObject({
      status: 'rejected',
      reason: { grpcCode: 8, message: 'message length 4194305 exceed maximum message size of 4194304' },
    });
    expect(small).toMatchObject({ status: 'fulfilled' });
    expect(text(await client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('again')))).toBe('small');
    expect(client.bufferedBytes).toBe(0);
    client.close();
    await agent.close();
  });

  it('refuses to send a request over 4 MiB and writes nothing', async () => {
    const agent = await echoAgent();
    const client = await open(agent);
    await expect(client.call(SVC, 'StatsContainer', new Uint8Array(4 << 20))).rejects.toMatchObject({ grpcCode: 8 });
    expect(agent.requests).toHaveLength(0);
    expect(client.isClosed).toBe(false);
    client.close();
    await agent.close();
  });

  it('answers an oversized request on its stream, as the agent does (INVALID_ARGUMENT)', async () => {
    const agent = await echoAgent();
    const client = new TtrpcClient(connect({ path: agent.path }), { maxMessageLength: 8 << 20 });
    await expect(client.call(SVC, 'StatsContainer', new Uint8Array((4 << 20) + 100))).rejects.toMatchObject({
      grpcCode: 3,
      message: expect.stringMatching(/exceed maximum message size of 4194304/),
    });
    expect(text(await client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('next')))).toBe('stats:next');
    client.close();
    await agent.close();
  });

  it('times out a stalled call locally, sends timeout_nano, and ignores the late answer', async () => {
    let release: () => void = () => undefined;
    const agent = await FakeAgent.listen({
      handlers: {
        [`${SVC}/StatsContainer`]: async (req) => {
          if (requestedContainerId(req) === 'slow') await new Promise<void>((r) => (release = r));
          return { payload: Buffer.from('late') };
        },
        [`${SVC}/Stall`]: () => ({ stall: true }),
      },
      okStatus: 'go',
    });
    const client = await open(agent);
    await expect(client.call(SVC, 'Stall', new Uint8Array(0), { timeoutMs: 50 })).rejects.toMatchObject({
      kind: 'timeout',
      grpcCode: 4,
    });
    await expect(
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('slow'), { timeoutMs: 50 }),
    ).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(agent.requests.map((r) => r.timeoutNano)).toEqual([50_000_000n, 50_000_000n]);
    release();
    expect(text(await client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('fast')))).toBe('late');
    expect(client.pendingCalls).toBe(0);
    client.close();
    await agent.close();
  });

  it('fails every pending call when the server closes mid-frame, and bounds what it held', async () => {
    const agent = await FakeAgent.listen({
      handlers: {
        [`${SVC}/Stall`]: () => ({ stall: true }),
        [`${SVC}/Half`]: (req) => {
          const frame = Buffer.alloc(10 + 100);
          frame.writeUInt32BE(100, 0);
          frame.writeUInt32BE(req.streamId, 4);
          frame[8] = 2;
          return { wire: frame.subarray(0, 40), thenClose: true };
        },
      },
    });
    const client = await open(agent);
    const stalled = Array.from({ length: 5 }, () => client.call(SVC, 'Stall', new Uint8Array(0)));
    const half = client.call(SVC, 'Half', new Uint8Array(0));
    for (const p of [...stalled, half])
      await expect(p).rejects.toMatchObject({ kind: 'unavailable', message: 'ttrpc: closed' });
    expect(client.pendingCalls).toBe(0);
    expect(client.isClosed).toBe(true);
    await expect(client.call(SVC, 'Stall', new Uint8Array(0))).rejects.toBeInstanceOf(KataAgentError);
    await agent.close();
  });

  it('drops the connection on garbage bytes, failing calls with a parse error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 10, maxLength: 64 }).filter((b) => b[0] !== 0 || b[8] === 0 || (b[8] as number) > 3),
        async (junk) => {
          const agent = await FakeAgent.listen({
            handlers: { [`${SVC}/Junk`]: () => ({ wire: junk }), [`${SVC}/Stall`]: () => ({ stall: true }) },
          });
          const client = await open(agent);
          const pending = client.call(SVC, 'Stall', new Uint8Array(0));
          await expect(client.call(SVC, 'Junk', new Uint8Array(0))).rejects.toMatchObject({ kind: 'parse' });
          await expect(pending).rejects.toMatchObject({ kind: 'parse' });
          expect(client.pendingCalls).toBe(0);
          await agent.close();
        },
      ),
      { numRuns: 10 },
    );
  });

  it('fails a unary call that receives a Data frame, keeping the connection', async () => {
    const agent = await FakeAgent.listen({
      handlers: {
        [`${SVC}/Data`]: (req) => {
          const frame = Buffer.alloc(12);
          frame.writeUInt32BE(2, 0);
          frame.writeUInt32BE(req.streamId, 4);
          frame[8] = 3;
          return { wire: frame };
        },
        [`${SVC}/Ok`]: () => ({ payload: Buffer.from('ok') }),
      },
    });
    const client = await open(agent);
    await expect(client.call(SVC, 'Data', new Uint8Array(0))).rejects.toMatchObject({
      kind: 'parse',
      message: expect.stringMatching(/data frame/),
    });
    expect(text(await client.call(SVC, 'Ok', new Uint8Array(0)))).toBe('ok');
    client.close();
    await agent.close();
  });

  it('cancels a call on abort and leaves no listener or pending entry behind', async () => {
    const agent = await FakeAgent.listen({ handlers: { [`${SVC}/Stall`]: () => ({ stall: true }) } });
    const client = await open(agent);
    const ctl = new AbortController();
    const quick = new AbortController();
    await expect(
      client.call(SVC, 'Stall', new Uint8Array(0), { signal: quick.signal, timeoutMs: 20 }),
    ).rejects.toMatchObject({ kind: 'timeout' });
    expect(getEventListeners(quick.signal, 'abort')).toHaveLength(0);
    const call = client.call(SVC, 'Stall', new Uint8Array(0), { signal: ctl.signal });
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(1);
    ctl.abort();
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
    expect(client.pendingCalls).toBe(0);
    await expect(client.call(SVC, 'Stall', new Uint8Array(0), { signal: ctl.signal })).rejects.toMatchObject({
      kind: 'cancelled',
    });
    client.close();
    await delay(20);
    expect(agent.connections.open).toBe(0);
    await agent.close();
  });
});

describe('resource hygiene', () => {
  const count = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
    return out;
  };

  it('leaves no timer, socket or server behind after answered, failed, timed-out and cancelled calls', async () => {
    const before = count();
    const agent = await echoAgent({ split: splitter(7) });
    const client = await open(agent);
    const ctl = new AbortController();
    const calls = [
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('a')),
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('missing')),
      client.call(SVC, 'Nope', new Uint8Array(0)),
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('b'), { timeoutMs: 1 }),
      client.call(SVC, 'StatsContainer', encodeStatsContainerRequest('c'), { signal: ctl.signal }),
    ];
    ctl.abort();
    await Promise.allSettled(calls);
    expect(client.pendingCalls).toBe(0);
    client.close();
    await agent.close();
    await delay(50);
    const after = count();
    for (const kind of ['Timeout', 'PipeWrap', 'PipeServerWrap', 'PipeConnectWrap'])
      expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
  });
});
