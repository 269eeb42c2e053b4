import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  type: string;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed when the body is JSON. */
  json: unknown;
}

/** One GET against the server: TCP, TLS (any certificate) or a unix socket (`unix:/path`). */
export function get(base: string, path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const unix = base.startsWith('/') ? base : undefined;
    const url = unix === undefined ? new URL(path, base) : undefined;
    const send = url?.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      {
        method: 'GET',
        ...(unix === undefined ? { host: url!.hostname, port: url!.port } : { socketPath: unix }),
        path: unix === undefined ? `${url!.pathname}${url!.search}` : path,
        headers,
        rejectUnauthorized: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          const type = String(res.headers['content-type'] ?? '');
          resolve({
            status: res.statusCode ?? 0,
            type,
            text,
            headers: res.headers,
            json: type.startsWith('application/json') ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
