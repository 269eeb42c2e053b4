import { KataAgentError } from '../errors/kata-agent-error.js';
import { FRAME_HEADER_LENGTH, GARBAGE_LENGTH, MESSAGE_LENGTH_MAX, type FrameHeader } from './frame.js';

export interface FrameSink {
  frame(header: FrameHeader, body: Buffer): void;
  /** A frame whose body exceeded the limit; its bytes were discarded and the stream stays in sync. */
  oversized(header: FrameHeader): void;
}

/**
 * Incremental ttrpc frame parser: accepts chunks split or coalesced anywhere. Memory is bounded by one
 * header plus one body of at most {@link MESSAGE_LENGTH_MAX}; oversized bodies are counted, not buffered.
 */
export class FrameParser {
  private readonly header = Buffer.alloc(FRAME_HEADER_LENGTH);
  private headerFill = 0;
  private current: FrameHeader | undefined;
  private body: Buffer | undefined;
  private bodyFill = 0;
  /** Bytes of an oversized body still to discard. */
  private skipping = 0;

  constructor(
    private readonly sink: FrameSink,
    private readonly maxLength = MESSAGE_LENGTH_MAX,
  ) {}

  /** Bytes held for an incomplete frame (for leak checks). */
  get buffered(): number {
    return this.headerFill + (this.body?.length ?? 0);
  }

  /** Throws a `parse` KataAgentError when the bytes cannot be ttrpc; the connection must then be dropped. */
  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.current === undefined) {
        const n = Math.min(FRAME_HEADER_LENGTH - this.headerFill, chunk.length - pos);
        // A whole header inside the chunk is read in place; only split headers are copied.
        if (n === FRAME_HEADER_LENGTH) {
          this.startFrame(chunk, pos);
          pos += n;
          continue;
        }
        chunk.copy(this.header, this.headerFill, pos, pos + n);
        this.headerFill += n;
        pos += n;
        if (this.headerFill === FRAME_HEADER_LENGTH) {
          this.headerFill = 0;
          this.startFrame(this.header, 0);
        }
        continue;
      }
      pos = this.consumeBody(chunk, pos);
    }
  }

  private startFrame(buf: Buffer, at: number): void {
    const header: FrameHeader = {
      length: buf.readUInt32BE(at),
      streamId: buf.readUInt32BE(at + 4),
      type: buf[at + 8] as number,
      flags: buf[at + 9] as number,
    };
    if (header.length >= GARBAGE_LENGTH || header.type < 1 || header.type > 3) {
      throw new KataAgentError(
        'parse',
        `ttrpc: invalid frame header ${buf.subarray(at, at + FRAME_HEADER_LENGTH).toString('hex')}`,
      );
    }
    if (header.length > this.maxLength) {
      this.skipping = header.length;
      this.current = header;
      return;
    }
    if (header.length === 0) {
      this.sink.frame(header, Buffer.alloc(0));
      return;
    }
    this.current = header;
  }

  private consumeBody(chunk: Buffer, pos: number): number {
    const header = this.current as FrameHeader;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, chunk.length - pos);
      this.skipping -= n;
      if (this.skipping === 0) {
        this.current = undefined;
        this.sink.oversized(header);
      }
      return pos + n;
    }
    const available = chunk.length - pos;
    // The common case, a whole body inside the chunk, is delivered as a view without copying.
    if (this.body === undefined && available >= header.length) {
      this.current = undefined;
      this.sink.frame(header, chunk.subarray(pos, pos + header.length));
      return pos + header.length;
    }
    this.body ??= Buffer.allocUnsafe(header.length);
    const n = Math.min(header.length - this.bodyFill, available);
    chunk.copy(this.body, this.bodyFill, pos, pos + n);
    this.bodyFill += n;
    if (this.bodyFill === header.length) {
      const body = this.body;
      this.body = undefined;
      this.bodyFill = 0;
      this.current = undefined;
      this.sink.frame(header, body);
    }
    return pos + n;
  }
}
