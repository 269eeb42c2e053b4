import { connect, type Socket } from 'node:net';
import { KataAgentError } from '../errors/kata-agent-error.js';
import { connectError } from './socket-errors.js';

/** Connects a stream socket to a unix path, failing after `timeoutMs`. */
export function dialUnix(path: string, timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path });
    const done = (err?: KataAgentError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (err === undefined) return resolve(socket);
      socket.destroy();
      reject(err);
    };
    const onConnect = (): void => done();
    const onError = (err: Error): void => done(connectError(err, path));
    const onAbort = (): void => done(new KataAgentError('cancelled', `connect to ${path} cancelled`, { path }));
    const timer = setTimeout(
      () => done(new KataAgentError('timeout', `connect to ${path} timed out`, { path })),
      timeoutMs,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
