import type { Socket } from 'node:net';
import { fieldText, readFields, WireWriter } from './proto-wire.js';
import type { FakeAgentOptions, FakeAgentReply, FakeAgentRequest } from './fake-agent.js';

const MAX_LENGTH = 4 << 20;
const INVALID_ARGUMENT = 3;
const DEADLINE_EXCEEDED = 4;
const UNIMPLEMENTED = 12;

/** What a connection needs from its server: the request log and timer bookkeeping (so close() clears them). */
export interface FakeAgentHost {
  readonly requests: FakeAgentRequest[];
  track(timer: NodeJS.Timeout): void;
  untrack(timer: NodeJS.Timeout): void;
}

/** One accepted connection: handshake, framing, dispatch and the agent's error behaviours. */
export class FakeAgentConnection {
  private buf = Buffer.alloc(0);
  private skip = 0;
  private skipHeader: { length: number; streamId: number } | undefined;
  private handshakeDone: boolean;
  private pendingOut: Buffer[] = [];
  private sendChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly agent: FakeAgentHost,
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
      return this.respond(streamId, {
        code: INVALID_ARGUMENT,
        message: `unmarshal request error: ${(err as Error).message}`,
      });
    }
    this.agent.requests.push(request);
    const handler = this.options.handlers[`${request.service}/${request.method}`];
    if (handler === undefined) {
      const known = Object.keys(this.options.handlers).some((k) => k.startsWith(`${request.service}/`));
      return this.respond(
        streamId,
        known
          ? { code: UNIMPLEMENTED, message: `${request.method} method` }
          : { code: INVALID_ARGUMENT, message: `${request.service} service does not exist` },
      );
    }
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    if (request.timeoutNano > 0n) {
      timer = setTimeout(
        () => {
          settled = true;
          this.respond(streamId, { code: DEADLINE_EXCEEDED, message: 'timeout' });
        },
        Number(request.timeoutNano / 1_000_000n),
      );
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
  const req: FakeAgentRequest = {
    streamId,
    service: '',
    method: '',
    payload: new Uint8Array(0),
    timeoutNano: 0n,
    metadata: [],
  };
  for (const f of readFields(body)) {
    if (f.field === 1 && f.wire === 2) req.service = fieldText(f.data);
    else if (f.field === 2 && f.wire === 2) req.method = fieldText(f.data);
    else if (f.field === 3 && f.wire === 2) req.payload = Uint8Array.from(f.data);
    else if (f.field === 4 && f.wire === 0) req.timeoutNano = f.int;
    else if (f.field === 5 && f.wire === 2) {
      const kv = readFields(f.data);
      req.metadata.push([
        fieldText(kv.find((x) => x.field === 1)?.data ?? new Uint8Array(0)),
        fieldText(kv.find((x) => x.field === 2)?.data ?? new Uint8Array(0)),
      ]);
    } else if (f.field <= 5) throw new Error(`field ${f.field} has wire type ${f.wire}`);
  }
  return req;
}
