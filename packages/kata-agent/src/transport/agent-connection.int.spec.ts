import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FakeAgent, encodeHealthCheck } from '@katamon/test-fixtures';
import { AgentClient } from '../agent/agent-client.js';
import { AgentConnection } from './agent-connection.js';

const health = { 'grpc.Health/Check': () => ({ payload: encodeHealthCheck() }) };

/** A unix server that runs `onConnection` for every client (a misbehaving hybrid-vsock muxer). */
async function rawServer(
  onConnection: (s: import('node:net').Socket) => void,
): Promise<{ path: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hvsock-'));
  const path = join(dir, 'vm.sock');
  const server: Server = createServer(onConnection);
  await new Promise<void>((r) => server.listen(path, r));
  return {
    path,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('AgentConnection', () => {
  it('speaks ttrpc behind the hybrid-vsock handshake, keeping bytes that follow the OK line', async () => {
    const agent = await FakeAgent.listen({ handlers: health, hybridVsockPort: 1024, coalesce: true });
    const conn = new AgentConnection(agent.url);
    expect(agent.url).toMatch(/^hvsock:\/\/.*:1024$/);
    expect(await new AgentClient(conn).check()).toBe(1);
    conn.close();
    await agent.close();
  });

  it('completes the handshake however the reply line and the frames after it are split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        let k = 0;
        const split = (bytes: Uint8Array): Uint8Array[] => {
          const parts: Uint8Array[] = [];
          for (let i = 0; i < bytes.length; ) {
            const n = sizes[k++ % sizes.length] as number;
            parts.push(bytes.subarray(i, i + n));
            i += n;
          }
          return parts;
        };
        const agent = await FakeAgent.listen({ handlers: health, hybridVsockPort: 1024, split });
        const conn = new AgentConnection(agent.url);
        try {
          expect(await Promise.all([0, 1, 2].map(() => new AgentClient(conn).check()))).toEqual([1, 1, 1]);
        } finally {
          conn.close();
          await agent.close();
        }
      }),
      { numRuns: 8 },
    );
  });

  it('feeds bytes that arrive with the OK line to the frame parser', async () => {
    // The OK line and the first 5 bytes of the Response for stream 1 come in one segment; the rest follows the request.
    const frame = Buffer.from('00000006000000010200' + '0a00' + '12020801', 'hex');
    const server = await rawServer((s) => {
      s.once('data', () => {
        s.write(Buffer.concat([Buffer.from('OK 1073741824\n'), frame.subarray(0, 5)]));
        s.once('data', () => s.write(frame.subarray(5)));
      });
    });
    const conn = new AgentConnection(`hvsock://${server.path}:1024`);
    expect(await new AgentClient(conn).check()).toBe(1);
    conn.close();
    await server.close();
  });

  it('fails the handshake on a reply without OK, on a closed socket, and when no reply comes', async () => {
    const bad = await rawServer((s) => s.once('data', () => s.write('ERR no listener\n')));
    const closing = await rawServer((s) => s.once('data', () => s.end()));
    const silent = await rawServer((s) => s.resume());
    const opts = { dialTimeoutMs: 300, handshakeTimeoutMs: 100 };
    await expect(
      new AgentConnection(`hvsock://${bad.path}:1024`, opts).call('s', 'm', new Uint8Array(0)),
    ).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/malformed response "ERR no listener"/),
    });
    await expect(
      new AgentConnection(`hvsock://${closing.path}:1024`, opts).call('s', 'm', new Uint8Array(0)),
    ).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/closed during handshake/),
    });
    await expect(
      new AgentConnection(`hvsock://${silent.path}:1024`, opts).call('s', 'm', new Uint8Array(0)),
    ).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/no handshake reply/),
    });
    await Promise.all([bad.close(), closing.close(), silent.close()]);
  });

  it('retries with backoff until the agent appears, then reconnects after the connection drops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'late-agent-'));
    const path = join(dir, 'agent.sock');
    const conn = new AgentConnection(`unix://${path}`, { dialTimeoutMs: 5_000, minBackoffMs: 10, maxBackoffMs: 40 });
    const client = new AgentClient(conn);
    const first = client.check();
    await new Promise((r) => setTimeout(r, 60)); // a few refused attempts happen meanwhile
    const agent = await FakeAgent.listen({ handlers: health, path });
    expect(await first).toBe(1);
    expect(agent.connections.accepted).toBe(1);
    agent.dropConnections();
    await conn.current?.whenClosed();
    expect(await client.check()).toBe(1);
    expect(agent.connections.accepted).toBe(2);
    conn.close();
    await agent.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives up with a typed error when nothing listens, and fails fast after close()', async () => {
    const conn = new AgentConnection('unix:///nonexistent/katamon/agent.sock', {
      dialTimeoutMs: 120,
      minBackoffMs: 10,
      maxBackoffMs: 20,
    });
    await expect(conn.call('s', 'm', new Uint8Array(0))).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/gave up after \d+ attempts/),
    });
    conn.close();
    await expect(conn.call('s', 'm', new Uint8Array(0))).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('shares one dial between concurrent callers', async () => {
    const agent = await FakeAgent.listen({ handlers: health });
    const conn = new AgentConnection(agent.url);
    const client = new AgentClient(conn);
    expect(await Promise.all(Array.from({ length: 20 }, () => client.check()))).toEqual(Array(20).fill(1));
    expect(agent.connections.accepted).toBe(1);
    conn.close();
    await agent.close();
  });
});

describe('hybridVsockHandshake', () => {
  it('writes `CONNECT <port>\\n` and returns what follows the reply line', async () => {
    let line = '';
    const server = await rawServer((s) =>
      s.once('data', (d: Buffer) => {
        line = d.toString('latin1');
        s.write('OK 42\nREST');
      }),
    );
    const { dialUnix } = await import('./dial-unix.js');
    const { hybridVsockHandshake } = await import('./hybrid-vsock-handshake.js');
    const socket = await dialUnix(server.path, 1000);
    const rest = await hybridVsockHandshake(socket, 1024, 1000, 'test');
    expect(line).toBe('CONNECT 1024\n');
    expect(rest.toString()).toBe('REST');
    socket.destroy();
    await server.close();
  });
});

describe('AgentConnection sharing', () => {
  it('lets one caller abort its wait without cancelling the dial the others share', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'share-'));
    const path = join(dir, 'agent.sock');
    const conn = new AgentConnection(`unix://${path}`, { dialTimeoutMs: 5_000, minBackoffMs: 10, maxBackoffMs: 20 });
    const ctl = new AbortController();
    const impatient = conn.call('grpc.Health', 'Check', new Uint8Array(0), { signal: ctl.signal });
    const patient = new AgentClient(conn).check();
    ctl.abort();
    await expect(impatient).rejects.toMatchObject({ kind: 'cancelled' });
    const agent = await FakeAgent.listen({ handlers: health, path });
    expect(await patient).toBe(1);
    conn.close();
    await agent.close();
    await rm(dir, { recursive: true, force: true });
  });
});
