import {
  errorKindOf,
  refKey,
  type ContainerRef,
  type Katamon,
  type Logger,
  type Sample,
  type SchemaName,
} from '@katamon/core';
import type { ClientStream, DropReason } from './client-stream.js';
import { encodeItem, endItem, type EncodedItem } from './stream-frame.js';

export interface StreamHubDeps {
  katamon: Katamon;
  logger: Logger;
  /** Every sample a stream takes, so that scrapes and one-shots can reuse it. */
  onSample?: (sample: Sample) => void;
  /** Called once per client that leaves, with why. */
  onClientClosed?: (reason: DropReason) => void;
  /** SSE keep-alive comment period, ms (default 15 s). */
  keepAliveMs?: number;
}

interface Subscriber {
  client: ClientStream;
  /** Single-container streams end with their container; `/v1/events` clients outlive any one of them. */
  endWithChannel: boolean;
}

/**
 * One facade stream per (container, interval, schema), encoded once per tick and fanned out to every
 * subscriber; the facade shares its sampler per (container, interval) underneath, so N clients cost
 * one kernel read and one encoding per tick.
 */
export class StreamHub {
  private readonly channels = new Map<string, Channel>();
  private readonly clients = new Set<ClientStream>();
  private keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: StreamHubDeps) {}

  get clientCount(): number {
    return this.clients.size;
  }

  get channelCount(): number {
    return this.channels.size;
  }

  get bufferedBytes(): number {
    let total = 0;
    for (const client of this.clients) total += client.bufferedBytes;
    return total;
  }

  /** Registers a client (once), so shutdown reaches it even before it subscribes to a channel. */
  attach(client: ClientStream): void {
    if (this.clients.has(client)) return;
    this.clients.add(client);
    // One timer for every client, running only while there are clients.
    this.keepAlive ??= setInterval(() => {
      for (const c of this.clients) c.keepAlive();
    }, this.deps.keepAliveMs ?? 15_000).unref();
    client.onClose((reason) => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stopKeepAlive();
      this.deps.onClientClosed?.(reason);
    });
  }

  subscribe(
    client: ClientStream,
    ref: ContainerRef,
    intervalMs: number,
    schema: SchemaName,
    endWithChannel: boolean,
  ): void {
    this.attach(client);
    if (client.isClosed) return;
    const key = `${refKey(ref)}\u0000${intervalMs}\u0000${schema}`;
    let channel = this.channels.get(key);
    if (channel === undefined) {
      const created: Channel = new Channel(ref, intervalMs, schema, this.deps, () => {
        // A stopped channel's late end must not unregister its successor under the same key.
        if (this.channels.get(key) === created) this.channels.delete(key);
      });
      channel = created;
      this.channels.set(key, channel);
      channel.start();
    }
    const subscriber: Subscriber = { client, endWithChannel };
    channel.add(subscriber);
    const joined = channel;
    client.onClose(() => joined.remove(subscriber));
  }

  /** Ends every client with a final `end` item (reason `shutdown`) and stops every sampler. */
  shutdown(): void {
    for (const client of [...this.clients]) client.end(undefined, 'shutdown');
    for (const channel of [...this.channels.values()]) channel.stop();
    this.stopKeepAlive();
  }

  private stopKeepAlive(): void {
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}

class Channel {
  private readonly subscribers = new Set<Subscriber>();
  private readonly abort = new AbortController();

  constructor(
    private readonly ref: ContainerRef,
    private readonly intervalMs: number,
    private readonly schema: SchemaName,
    private readonly deps: StreamHubDeps,
    private readonly onStopped: () => void,
  ) {}

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  stop(): void {
    this.onStopped();
    this.abort.abort();
  }

  start(): void {
    void this.run().catch((error: unknown) => {
      this.deps.logger.error('stream failed', { id: this.ref.id, error: String(error) });
      const kind = errorKindOf(error);
      const message = error instanceof Error ? error.message : String(error);
      this.broadcast(encodeItem({ type: 'error', id: this.ref.id, kind, message }, this.schema));
      this.finish(endItem(this.ref.id, 'gone'), 'gone');
    });
  }

  private async run(): Promise<void> {
    const items = this.deps.katamon.stream(this.ref, { intervalMs: this.intervalMs, signal: this.abort.signal });
    for await (const item of items) {
      if (item.type === 'sample') this.deps.onSample?.(item.sample);
      if (item.type === 'end') {
        this.finish(encodeItem(item, this.schema), item.reason);
        return;
      }
      this.broadcast(encodeItem(item, this.schema));
    }
    this.finish(endItem(this.ref.id, 'gone'), 'gone');
  }

  private broadcast(item: EncodedItem): void {
    for (const { client } of this.subscribers) client.send(item);
  }

  private finish(item: EncodedItem, reason: 'gone' | 'cancelled'): void {
    this.onStopped();
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.endWithChannel) subscriber.client.end(this.ref.id, reason);
      else subscriber.client.send(item);
    }
    this.subscribers.clear();
  }
}
