import type { ServerResponse } from 'node:http';
import { endItem, frameItem, type EncodedItem, type StreamFormat } from './stream-frame.js';

export type DropReason = 'slow-consumer' | 'shutdown' | 'gone' | 'cancelled' | 'closed';

/**
 * One HTTP client of a stream. Writes go to the socket; what the socket has not taken yet stays in
 * Node's write buffer, and when that exceeds `maxBufferedBytes` the client is dropped: a client that
 * never reads costs at most that much memory, whatever the number of containers or the interval.
 */
export class ClientStream {
  private closed = false;
  private readonly onCloseCallbacks: ((reason: DropReason) => void)[] = [];

  constructor(
    private readonly res: ServerResponse,
    readonly format: StreamFormat,
    private readonly maxBufferedBytes: number,
  ) {
    res.on('close', () => this.finish('closed'));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Bytes accepted but not yet handed to the kernel. */
  get bufferedBytes(): number {
    return this.closed ? 0 : this.res.writableLength;
  }

  onClose(callback: (reason: DropReason) => void): void {
    this.onCloseCallbacks.push(callback);
  }

  send(item: EncodedItem): void {
    if (this.closed) return;
    if (this.res.writableLength > this.maxBufferedBytes) {
      this.drop('slow-consumer');
      return;
    }
    const text = frameItem(item, this.format);
    if (text !== '') this.res.write(text);
  }

  /** An SSE comment, so proxies keep an idle stream (long interval) open; NDJSON has no comments. */
  keepAlive(): void {
    if (this.closed || this.format !== 'sse') return;
    if (this.res.writableLength > this.maxBufferedBytes) this.drop('slow-consumer');
    else this.res.write(': keep-alive\n\n');
  }

  /** Ends the response with a final `end` item carrying `reason`. */
  end(id: string | undefined, reason: DropReason): void {
    if (this.closed) return;
    this.res.end(frameItem(endItem(id, reason), this.format));
    this.finish(reason);
  }

  /**
   * Drops a client: the reason is sent as the last item (it reaches a client that resumes reading),
   * then the socket is destroyed so its buffer is freed now rather than when the peer gives up.
   */
  drop(reason: DropReason): void {
    if (this.closed) return;
    this.finish(reason);
    this.res.write(frameItem(endItem(undefined, reason), this.format));
    this.res.destroy();
  }

  private finish(reason: DropReason): void {
    if (this.closed) return;
    this.closed = true;
    for (const callback of this.onCloseCallbacks.splice(0)) callback(reason);
  }
}
