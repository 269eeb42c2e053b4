import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldText, readFields } from './proto-wire.js';
import { FakeAgentConnection } from './fake-agent-connection.js';

export interface FakeAgentRequest {
  streamId: number;
  service: string;
  method: string;
  payload: Uint8Array;
  timeoutNano: bigint;
  metadata: [string, string][];
}

/** What a handler answers. */
export type FakeAgentReply =
  /** Success; status encoded per {@link FakeAgentOptions.okStatus}. */
  | { payload: Uint8Array }
  /** A non-OK status (use {@link rustError} for the agent's quoted texts). */
  | { code: number; message: string }
  /** Bytes written to the socket verbatim instead of a response (garbage, foreign frames, partial frames). */
  | { wire: Uint8Array; thenClose?: boolean }
  /** Never answer (a stalled agent). */
  | { stall: true };

export type FakeAgentHandler = (request: FakeAgentRequest) => FakeAgentReply | Promise<FakeAgentReply>;

export interface FakeAgentOptions {
  /** Handlers keyed `<service>/<method>`, e.g. `grpc.AgentService/StatsContainer`. */
  handlers: Record<string, FakeAgentHandler>;
  /** How success is encoded: `rust` writes the agent's empty OK status `0a 00`, `go` omits it. Default `rust`. */
  okStatus?: 'rust' | 'go';
  /** Speak the hybrid-vsock handshake first (Firecracker / Cloud Hypervisor); the value is the expected port. */
  hybridVsockPort?: number;
  /** Reply line of the handshake; default `OK 1073741824\n`. */
  handshakeReply?: string;
  /** Splits every outgoing write into chunks (random splits in property tests); chunks go out on separate ticks. */
  split?: (bytes: Uint8Array) => Uint8Array[];
  /** Holds responses and flushes them as one write per tick, so several frames arrive coalesced. */
  coalesce?: boolean;
  /** Socket path; a fresh temporary directory by default. */
  path?: string;
}

/** The agent's error text form: Rust's `{:?}` of a string, i.e. with literal double quotes. */
export function rustError(code: number, text: string): { code: number; message: string } {
  return { code, message: JSON.stringify(text) };
}

/**
 * A ttrpc server behaving like the Rust kata-agent (ttrpc-rust 0.9): `0a 00` OK status, INVALID_ARGUMENT for
 * an unknown service, UNIMPLEMENTED for an unknown method, odd-id check, oversized bodies discarded and
 * answered, `timeout_nano` enforced with DEADLINE_EXCEEDED `timeout`. Every request is logged.
 */
export class FakeAgent {
  readonly requests: FakeAgentRequest[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private connectionCount = 0;

  private constructor(
    private readonly server: Server,
    readonly path: string,
    private readonly dir: string | undefined,
    private readonly options: FakeAgentOptions,
  ) {}

  static async listen(options: FakeAgentOptions): Promise<FakeAgent> {
    const dir = options.path === undefined ? await mkdtemp(join(tmpdir(), 'fake-agent-')) : undefined;
    const path = options.path ?? join(dir as string, 'agent.sock');
    const server = createServer();
    const agent = new FakeAgent(server, path, dir, options);
    server.on('connection', (socket) => agent.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    return agent;
  }

  /** `unix://…`, or `hvsock://…:<port>` when the handshake is on. */
  get url(): string {
    return this.options.hybridVsockPort === undefined
      ? `unix://${this.path}`
      : `hvsock://${this.path}:${this.options.hybridVsockPort}`;
  }

  /** Connections accepted so far / currently open. */
  get connections(): { accepted: number; open: number } {
    return { accepted: this.connectionCount, open: this.sockets.size };
  }

  /** Drops every open connection (the agent restarting, the VM going away). */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.dir !== undefined) await rm(this.dir, { recursive: true, force: true });
  }

  private accept(socket: Socket): void {
    this.connectionCount++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const conn = new FakeAgentConnection(this, socket, this.options);
    socket.on('data', (chunk: Buffer) => conn.push(chunk));
  }

  /** @internal */
  track(timer: NodeJS.Timeout): void {
    this.timers.add(timer);
  }

  /** @internal */
  untrack(timer: NodeJS.Timeout): void {
    this.timers.delete(timer);
    clearTimeout(timer);
  }
}

/** The StatsContainerRequest's container id (field 1). */
export function requestedContainerId(request: FakeAgentRequest): string {
  const f = readFields(request.payload).find((x) => x.field === 1 && x.wire === 2);
  return f === undefined ? '' : fieldText(f.data);
}
