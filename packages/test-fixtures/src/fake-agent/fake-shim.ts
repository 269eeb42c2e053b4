import { createServer, type Server } from 'node:http';

export interface FakeShimOptions {
  /** Unix socket path, e.g. `<root>/<sandbox>/shim-monitor.sock`. */
  path: string;
  /** Body of `GET /agent-url` (no trailing newline, as the Go shim writes it). */
  agentUrl: string | (() => string);
  /** Answer /agent-url with 500 and this text instead. */
  failWith?: string;
}

/** A Kata shim management socket (HTTP over unix) answering `GET /agent-url`; other paths are 404. */
export class FakeShim {
  /** Requests seen, as `METHOD path`. */
  readonly requests: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly path: string,
  ) {}

  static async listen(options: FakeShimOptions): Promise<FakeShim> {
    const server = createServer((req, res) => {
      shim.requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      if (req.method === 'GET' && req.url === '/agent-url') {
        if (options.failWith !== undefined) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(options.failWith);
          return;
        }
        const url = typeof options.agentUrl === 'function' ? options.agentUrl() : options.agentUrl;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(url);
        return;
      }
      res.writeHead(404).end();
    });
    const shim = new FakeShim(server, options.path);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.path, () => resolve());
    });
    return shim;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
