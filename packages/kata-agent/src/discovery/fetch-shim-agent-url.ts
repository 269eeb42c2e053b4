import { request } from 'node:http';
import { KataAgentError } from '../errors/kata-agent-error.js';

/** An agent URL is one short line; a larger body is not one. */
const MAX_BODY = 4096;

/**
 * `GET /agent-url` on a shim's management socket (HTTP over unix, kata-agent-protocol §3.5). Host `shim`
 * and no keep-alive, as Kata's own client does. The body has no trailing newline; one is tolerated.
 */
export function fetchShimAgentUrl(socketPath: string, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, path: '/agent-url', host: 'shim', method: 'GET', agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            req.destroy();
            reject(
              new KataAgentError('parse', `shim ${socketPath}: /agent-url body larger than ${MAX_BODY} bytes`, {
                path: socketPath,
              }),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8').trim();
          if (res.statusCode !== 200) {
            reject(
              new KataAgentError(
                'unavailable',
                `shim ${socketPath}: /agent-url answered ${res.statusCode}: ${body.slice(0, 200)}`,
                { path: socketPath },
              ),
            );
          } else resolve(body);
        });
        res.on('error', (err) =>
          reject(
            new KataAgentError('unavailable', `shim ${socketPath}: ${err.message}`, { path: socketPath, cause: err }),
          ),
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(new KataAgentError('timeout', `shim ${socketPath}: /agent-url timed out`, { path: socketPath })),
    );
    req.on('error', (err) =>
      reject(
        KataAgentError.is(err)
          ? err
          : new KataAgentError('unavailable', `shim ${socketPath}: ${err.message}`, { path: socketPath, cause: err }),
      ),
    );
    req.end();
  });
}
