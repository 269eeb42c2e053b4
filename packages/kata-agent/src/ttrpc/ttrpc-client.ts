import type { Duplex } from 'node:stream';
import { GrpcCode, KataAgentError } from '../errors/kata-agent-error.js';
import { decodeResponse, encodeRequestAt } from './envelope.js';
import { FRAME_HEADER_LENGTH, MESSAGE_LENGTH_MAX, MessageType, type FrameHeader } from './frame.js';
import { FrameParser } from './frame-parser.js';

export interface CallOptions {
  /** Local deadline, also sent to the server as `timeout_nano` so it stops working too. */
  timeoutMs?: number;
  /** Deadline sent as `timeout_nano` when it should differ from the local one (0 = none); default `timeoutMs`. */
  serverTimeoutMs?: number;
  signal?: AbortSignal;
  metadata?: readonly (readonly [string, string])[];
}

export interface TtrpcClientOptions {
  /** Bytes already read from the socket (after a hybrid-vsock handshake line). */
  initialData?: Buffer;
  maxMessageLength?: number;
  /** Deadline for calls that pass none (ms). The Go runtime uses 60 s. */
  defaultTimeoutMs?: number;
}

interface PendingCall {
  method: string;
  resolve(payload: Uint8Array): void;
  reject(error: KataAgentError): void;
}

/** Client ids are odd and must never wrap (no implementation handles it): stop well before 2^31. */
const LAST_STREAM_ID = 0x7fff_ffff;

/**
 * A ttrpc client on one connection: unary calls, many in flight, answered in any order. Each request is
 * one frame in one write under a freshly allocated odd id, so ids on the wire strictly increase.
 */
export class TtrpcClient {
  private nextStreamId = 1;
  private corked = false;
  private readonly pending = new Map<number, PendingCall>();
  private readonly parser: FrameParser;
  private failure: KataAgentError | undefined;
  private readonly closeWaiters: ((error: KataAgentError) => void)[] = [];
  private readonly maxLength: number;
  private readonly defaultTimeoutMs: number;

  constructor(
    private readonly socket: Duplex,
    options: TtrpcClientOptions = {},
  ) {
    this.maxLength = options.maxMessageLength ?? MESSAGE_LENGTH_MAX;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 60_000;
    this.parser = new FrameParser(
      { frame: (h, body) => this.onFrame(h, body), oversized: (h) => this.onOversized(h) },
      this.maxLength,
    );
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: Error) =>
      this.fail(new KataAgentError('unavailable', `ttrpc: ${err.message}`, { cause: err })),
    );
    socket.on('end', () => this.fail(new KataAgentError('unavailable', 'ttrpc: closed')));
    socket.on('close', () => this.fail(new KataAgentError('unavailable', 'ttrpc: closed')));
    if (options.initialData !== undefined && options.initialData.length > 0) this.onData(options.initialData);
    socket.resume(); // a handshake may have paused it
  }

  /** Calls in flight (for leak checks and metrics). */
  get pendingCalls(): number {
    return this.pending.size;
  }

  /** Bytes held for a partial incoming frame. */
  get bufferedBytes(): number {
    return this.parser.buffered;
  }

  get isClosed(): boolean {
    return this.failure !== undefined;
  }

  /** Resolves with the reason once the connection is gone. */
  whenClosed(): Promise<KataAgentError> {
    if (this.failure !== undefined) return Promise.resolve(this.failure);
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  call(service: string, method: string, payload: Uint8Array, options: CallOptions = {}): Promise<Uint8Array> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (options.signal?.aborted) return Promise.reject(cancelled(method));
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    // Header room first, so the frame is built in one buffer and written whole.
    const frame = encodeRequestAt(
      {
        service,
        method,
        payload,
        timeoutNano: nanos(options.serverTimeoutMs ?? timeoutMs),
        metadata: options.metadata ?? [],
      },
      FRAME_HEADER_LENGTH,
    );
    const bodyLength = frame.length - FRAME_HEADER_LENGTH;
    if (bodyLength > this.maxLength) {
      // Refused locally, as Go's OversizedMessageErr: nothing is written.
      return Promise.reject(
        new KataAgentError(
          'invalid-argument',
          `message length ${bodyLength} exceed maximum message size of ${this.maxLength}`,
          {
            grpcCode: GrpcCode.RESOURCE_EXHAUSTED,
          },
        ),
      );
    }
    if (this.nextStreamId > LAST_STREAM_ID) {
      this.fail(new KataAgentError('unavailable', 'ttrpc: stream ids exhausted, reconnecting'));
      return Promise.reject(this.failure);
    }
    const streamId = this.nextStreamId;
    this.nextStreamId += 2;
    frame.writeUInt32BE(bodyLength, 0);
    frame.writeUInt32BE(streamId, 4);
    frame[8] = MessageType.REQUEST;
    frame[9] = 0;
    return new Promise<Uint8Array>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => settle(undefined, cancelled(method));
      const settle = (value: Uint8Array | undefined, error: KataAgentError | undefined): void => {
        if (!this.pending.delete(streamId)) return;
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error !== undefined) reject(error);
        else resolve(value as Uint8Array);
      };
      this.pending.set(streamId, {
        method,
        resolve: (value) => settle(value, undefined),
        reject: (error) => settle(undefined, error),
      });
      if (timeoutMs > 0) {
        // A late answer finds no pending entry and is dropped.
        timer = setTimeout(
          () =>
            settle(
              undefined,
              new KataAgentError('timeout', `ttrpc: ${method} timed out after ${timeoutMs} ms`, {
                grpcCode: GrpcCode.DEADLINE_EXCEEDED,
              }),
            ),
          timeoutMs,
        );
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.write(frame);
    });
  }

  /**
   * Frames written in the same tick leave in one writev (cork until the next tick): a burst of calls costs
   * one syscall, and each frame is still one whole buffer in id order.
   */
  private write(frame: Buffer): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork?.();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork?.();
      });
    }
    this.socket.write(frame);
  }

  /** Closes the connection; pending calls fail with `cancelled`. */
  close(): void {
    this.fail(new KataAgentError('cancelled', 'ttrpc: client closed'));
  }

  private onData(chunk: Buffer): void {
    if (this.failure !== undefined) return;
    try {
      this.parser.push(chunk);
    } catch (err) {
      this.fail(KataAgentError.is(err) ? err : new KataAgentError('parse', String(err), { cause: err }));
    }
  }

  private onFrame(header: FrameHeader, body: Buffer): void {
    const call = this.pending.get(header.streamId);
    if (call === undefined) return; // unknown, timed out or cancelled: dropped, as the Go client does
    if (header.type === MessageType.DATA) {
      call.reject(new KataAgentError('parse', `ttrpc: data frame on unary call ${call.method}`));
      return;
    }
    if (header.type !== MessageType.RESPONSE) return;
    let response;
    try {
      response = decodeResponse(body);
    } catch (err) {
      call.reject(err as KataAgentError);
      return;
    }
    if (response.status !== undefined && response.status.code !== GrpcCode.OK) {
      call.reject(KataAgentError.fromStatus(response.status.code, response.status.message));
      return;
    }
    call.resolve(response.payload);
  }

  private onOversized(header: FrameHeader): void {
    this.pending
      .get(header.streamId)
      ?.reject(
        KataAgentError.fromStatus(
          GrpcCode.RESOURCE_EXHAUSTED,
          `message length ${header.length} exceed maximum message size of ${this.maxLength}`,
        ),
      );
  }

  private fail(error: KataAgentError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const call of [...this.pending.values()]) call.reject(error);
    this.socket.destroy();
    for (const waiter of this.closeWaiters.splice(0)) waiter(error);
  }
}

function nanos(ms: number): bigint {
  return ms > 0 ? BigInt(Math.round(ms * 1000)) * 1000n : 0n;
}

function cancelled(method: string): KataAgentError {
  return new KataAgentError('cancelled', `ttrpc: ${method} cancelled`, { grpcCode: GrpcCode.CANCELLED });
}
