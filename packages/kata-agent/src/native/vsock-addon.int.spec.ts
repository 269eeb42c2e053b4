import { Socket } from 'node:net';
import { AgentConnection } from '../transport/agent-connection.js';
import { adoptSocket, dialVsock } from '../transport/dial-vsock.js';
import { loadVsockAddon } from './vsock-addon.js';

// Never dial CID 2 (the host) or a real VM from tests: CID 1 (local) only, for error paths.
const LOCAL_CID = 1;

describe('AF_VSOCK addon', () => {
  it('loads the build of npm ci, exposing the native calls', () => {
    const addon = loadVsockAddon();
    expect(typeof addon.connect).toBe('function');
    expect(typeof addon.adopt).toBe('function');
  });

  it('reports a failed local vsock connect as a typed error, never hanging', async () => {
    const err = await dialVsock(LOCAL_CID, 47_999, 300).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'KataAgentError', path: `vsock://${LOCAL_CID}:47999` });
    // refused with vsock_loopback loaded, timed out without it, unsupported without AF_VSOCK at all
    expect(['unavailable', 'timeout', 'unsupported']).toContain((err as { kind: string }).kind);
  });

  it('surfaces the same kinds through AgentConnection, which stops retrying at its deadline', async () => {
    const conn = new AgentConnection(`vsock://${LOCAL_CID}:47998`, {
      dialTimeoutMs: 300,
      minBackoffMs: 10,
      maxBackoffMs: 20,
    });
    const err = await conn.call('grpc.Health', 'Check', new Uint8Array(0)).catch((e: unknown) => e);
    expect(['unavailable', 'timeout', 'unsupported']).toContain((err as { kind: string }).kind);
    conn.close();
  });

  it('adopts a connected fd under a net.Socket (the path a vsock fd takes)', async () => {
    const addon = loadVsockAddon();
    const [a, b] = addon.socketPair();
    const ours = await adoptSocket(a, 'pair');
    const peer = new Socket({ fd: b, readable: true, writable: true });
    const got = new Promise<string>((resolve) => peer.once('data', (d: Buffer) => resolve(d.toString())));
    ours.write('ping');
    expect(await got).toBe('ping');
    const back = new Promise<string>((resolve) => ours.once('data', (d: Buffer) => resolve(d.toString())));
    peer.write('pong');
    expect(await back).toBe('pong');
    ours.destroy();
    peer.destroy();
  });
});
