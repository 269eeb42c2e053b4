import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldText, readFields, WireWriter } from './proto-wire.js';

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

const MAX_LENGTH = 4 << 20;
const INVALID_ARGUMENT = 3;
const DEADLINE_EXCEEDED = 4;
const UNIMPLEMENTED = 12;

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
    return this.options.hybridVsockPort === undefined ? `unix://${this.path}` : `hvsock://${this.path}:${this.options.hybridVsockPort}`;
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
    const conn = new Connection(this, socket, this.options);
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

class Connection {
  private buf = Buffer.alloc(0);
  private skip = 0;
  private skipHeader: { length: number; streamId: number } | undefined;
  private handshakeDone: boolean;
  private pendingOut: Buffer[] = [];
  private sendChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly agent: FakeAgent,
    private readonly socket: Socket,
    private readonly options: FakeAgentOptions,
  ) {
    this.handshakeDone = options.hybridVsockPort === undefined;
  }

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    if (!this.handshakeDone) {
      const nl = this.buf.indexOf(0x0a);
      if (nl < 0) return;
      const line = this.buf.subarray(0, nl).toString('latin1');
      this.buf = this.buf.subarray(nl + 1);
      if (line !== `CONNECT ${this.options.hybridVsockPort}`) {
        this.socket.destroy(); // Firecracker closes when nobody listens on that port
        return;
      }
      this.handshakeDone = true;
      this.send(Buffer.from(this.options.handshakeReply ?? 'OK 1073741824\n', 'latin1'));
    }
    this.drain();
  }

  private drain(): void {
    for (;;) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, this.buf.length);
        this.skip -= n;
        this.buf = this.buf.subarray(n);
        if (this.skip > 0) return;
        const h = this.skipHeader as { length: number; streamId: number };
        this.respond(h.streamId, {
          code: INVALID_ARGUMENT,
          message: `message length ${h.length} exceed maximum message size of ${MAX_LENGTH}`,
        });
      }
      if (this.buf.length < 10) return;
      const length = this.buf.readUInt32BE(0);
      const streamId = this.buf.readUInt32BE(4);
      const type = this.buf[8];
      if (length > MAX_LENGTH) {
        this.skip = length;
        this.skipHeader = { length, streamId };
        this.buf = this.buf.subarray(10);
        continue;
      }
      if (this.buf.length < 10 + length) return;
      const body = Uint8Array.from(this.buf.subarray(10, 10 + length));
      this.buf = this.buf.subarray(10 + length);
      if (type === 1) void this.handle(streamId, body);
    }
  }

  private async handle(streamId: number, body: Uint8Array): Promise<void> {
    if (streamId % 2 === 0) return this.respond(streamId, { code: INVALID_ARGUMENT, message: 'stream id must be odd' });
    let request: FakeAgentRequest;
    try {
      request = decodeRequest(streamId, body);
    } catch (err) {
      return this.respond(streamId, { code: INVALID_ARGUMENT, message: `unmarshal request error: ${(err as Error).message}` });
    }
    this.agent.requests.push(request);
    const handler = this.options.handlers[`${request.service}/${request.method}`];
    if (handler === undefined) {
      const known = Object.keys(this.options.handlers).some((k) => k.startsWith(`${request.service}/`));
      return this.respond(
        streamId,
        known ? { code: UNIMPLEMENTED, message: `${request.method} method` } : { code: INVALID_ARGUMENT, message: `${request.service} service does not exist` },
      );
    }
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    if (request.timeoutNano > 0n) {
      timer = setTimeout(() => {
        settled = true;
        this.respond(streamId, { code: DEADLINE_EXCEEDED, message: 'timeout' });
      }, Number(request.timeoutNano / 1_000_000n));
      this.agent.track(timer);
    }
    let reply: FakeAgentReply;
    try {
      reply = await handler(request);
    } catch (err) {
      reply = { code: 2, message: String(err) };
    }
    if ('stall' in reply || settled) return;
    if (timer !== undefined) this.agent.untrack(timer);
    this.respond(streamId, reply);
  }

  private respond(streamId: number, reply: Exclude<FakeAgentReply, { stall: true }>): void {
    if ('wire' in reply) {
      this.send(Buffer.from(reply.wire));
      if (reply.thenClose === true) this.sendChain = this.sendChain.then(() => void this.socket.end());
      return;
    }
    const res = new WireWriter();
    if ('payload' in reply) {
      if ((this.options.okStatus ?? 'rust') === 'rust') res.message(1, new WireWriter());
      res.bytes(2, reply.payload);
    } else {
      res.message(1, new WireWriter().uint(1, reply.code).string(2, reply.message));
    }
    const body = res.finish();
    const frame = Buffer.alloc(10 + body.length);
    frame.writeUInt32BE(body.length, 0);
    frame.writeUInt32BE(streamId, 4);
    frame[8] = 2;
    frame.set(body, 10);
    this.send(frame);
  }

  private send(bytes: Buffer): void {
    if (this.options.coalesce === true) {
      this.pendingOut.push(bytes);
      if (this.pendingOut.length === 1) setImmediate(() => this.write(Buffer.concat(this.pendingOut.splice(0))));
      return;
    }
    this.write(bytes);
  }

  private write(bytes: Buffer): void {
    const split = this.options.split;
    if (split === undefined) {
      this.sendChain = this.sendChain.then(() => void (this.socket.destroyed || this.socket.write(bytes)));
      return;
    }
    for (const part of split(bytes)) {
      this.sendChain = this.sendChain.then(
        () =>
          new Promise<void>((resolve) =>
            setImmediate(() => {
              if (!this.socket.destroyed) this.socket.write(part);
              resolve();
            }),
          ),
      );
    }
  }
}

function decodeRequest(streamId: number, body: Uint8Array): FakeAgentRequest {
  const req: FakeAgentRequest = { streamId, service: '', method: '', payload: new Uint8Array(0), timeoutNano: 0n, metadata: [] };
  for (const f of readFields(body)) {
    if (f.field === 1 && f.wire === 2) req.service = fieldText(f.data);
    else if (f.field === 2 && f.wire === 2) req.method = fieldText(f.data);
    else if (f.field === 3 && f.wire === 2) req.payload = Uint8Array.from(f.data);
    else if (f.field === 4 && f.wire === 0) req.timeoutNano = f.int;
    else if (f.field === 5 && f.wire === 2) {
      const kv = readFields(f.data);
      req.metadata.push([fieldText(kv.find((x) => x.field === 1)?.data ?? new Uint8Array(0)), fieldText(kv.find((x) => x.field === 2)?.data ?? new Uint8Array(0))]);
    } else if (f.field <= 5) throw new Error(`field ${f.field} has wire type ${f.wire}`);
  }
  return req;
}

/** The StatsContainerRequest's container id (field 1). */
export function requestedContainerId(request: FakeAgentRequest): string {
  const f = readFields(request.payload).find((x) => x.field === 1 && x.wire === 2);
  return f === undefined ? '' : fieldText(f.data);
}
