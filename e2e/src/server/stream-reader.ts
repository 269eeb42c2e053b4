import { connect, type Socket } from 'node:net';

export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * A raw HTTP/1.1 GET whose response body is read as SSE frames or NDJSON lines, over TCP
 * (`http://host:port`) or a unix socket path. Raw sockets keep a thousand clients cheap.
 */
export class StreamReader {
  readonly events: StreamEvent[] = [];
  status = 0;
  headers = '';
  closed = false;
  private inBody = false;
  private readonly waiters: (() => void)[] = [];
  readonly socket: Socket;

  constructor(
    base: string,
    path: string,
    accept: 'text/event-stream' | 'application/x-ndjson',
    options: { read?: boolean } = {},
  ) {
    const unix = base.startsWith('/');
    const url = unix ? undefined : new URL(base);
    this.socket = unix ? connect(base) : connect(Number(url!.port), url!.hostname);
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: ${accept}\r\nConnection: close\r\n\r\n`);
    this.socket.setEncoding('utf8');
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => undefined);
    if (options.read !== false) this.resume();
  }

  /** Start (or resume) reading; a reader created with `read: false` takes nothing from its socket. */
  resume(): void {
    this.socket.on('data', (chunk: string) => this.feed(chunk));
  }

  /** Resolves once `predicate` holds (checked on every frame) or rejects after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; got ${this.events.length} events, status ${this.status}`)),
        timeoutMs,
      );
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  count(event: string): number {
    return this.events.filter((e) => e.event === event).length;
  }

  private raw = '';
  private text = '';

  private feed(chunk: string): void {
    this.raw += chunk;
    if (!this.inBody) {
      const end = this.raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.headers = this.raw.slice(0, end);
      this.status = Number(/^HTTP\/1\.1 (\d+)/.exec(this.headers)?.[1] ?? 0);
      this.raw = this.raw.slice(end + 4);
      this.inBody = true;
    }
    if (/transfer-encoding: chunked/i.test(this.headers)) this.dechunk();
    else {
      this.text += this.raw;
      this.raw = '';
    }
    this.parse();
    this.wake();
  }

  /** Minimal chunked decoding; an incomplete chunk waits in `raw` for the next read. */
  private dechunk(): void {
    for (;;) {
      const lineEnd = this.raw.indexOf('\r\n');
      if (lineEnd < 0) return;
      const size = Number.parseInt(this.raw.slice(0, lineEnd), 16);
      if (Number.isNaN(size) || this.raw.length < lineEnd + 2 + size + 2) return;
      this.text += this.raw.slice(lineEnd + 2, lineEnd + 2 + size);
      this.raw = this.raw.slice(lineEnd + 2 + size + 2);
    }
  }

  private parse(): void {
    const sse = /content-type: text\/event-stream/i.test(this.headers);
    const separator = sse ? '\n\n' : '\n';
    let at: number;
    while ((at = this.text.indexOf(separator)) >= 0) {
      const frame = this.text.slice(0, at);
      this.text = this.text.slice(at + separator.length);
      if (sse) {
        if (frame.split('\n').every((line) => line.startsWith(':'))) continue; // keep-alive comment
        const event = /^event: (.*)$/m.exec(frame)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(frame)?.[1] ?? '';
        this.events.push({ event, data });
      } else if (frame !== '') {
        this.events.push({ event: (JSON.parse(frame) as { type: string }).type, data: frame });
      }
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
