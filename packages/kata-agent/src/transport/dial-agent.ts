import type { Duplex } from 'node:stream';
import { dialUnix } from './dial-unix.js';
import { dialVsock } from './dial-vsock.js';
import { hybridVsockHandshake } from './hybrid-vsock-handshake.js';
import type { AgentAddress } from './agent-url.js';

/** A connected byte stream to the agent, plus bytes already read past a handshake. */
export interface AgentStream {
  socket: Duplex;
  initialData?: Buffer;
}

export interface DialOptions {
  /** Budget of one connection attempt (ms). */
  attemptTimeoutMs: number;
  /** Wait for the hybrid-vsock `OK` line (Kata uses 10 s because of a kernel race that never replies). */
  handshakeTimeoutMs: number;
  signal?: AbortSignal;
}

/** One attempt to reach the agent at `address`; retries are the caller's business. */
export async function dialAgent(address: AgentAddress, options: DialOptions): Promise<AgentStream> {
  switch (address.kind) {
    case 'unix':
      return { socket: await dialUnix(address.path, options.attemptTimeoutMs, options.signal) };
    case 'hvsock': {
      const socket = await dialUnix(address.path, options.attemptTimeoutMs, options.signal);
      const initialData = await hybridVsockHandshake(
        socket,
        address.port,
        options.handshakeTimeoutMs,
        `hvsock://${address.path}:${address.port}`,
      );
      return { socket, initialData };
    }
    case 'vsock':
      return { socket: await dialVsock(address.cid, address.port, options.attemptTimeoutMs) };
  }
}
