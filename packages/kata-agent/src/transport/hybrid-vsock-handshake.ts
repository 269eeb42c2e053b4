import type { Socket } from 'node:net';
import { KataAgentError } from '../errors/kata-agent-error.js';

/** Longest reply line accepted; Firecracker's is `OK <u32>\n`. */
const MAX_REPLY_LINE = 256;

/**
 * The hybrid-vsock handshake (Firecracker, Cloud Hypervisor): write `CONNECT <port>\n`, read one line that
 * contains `OK` (Kata's own test). Bytes after the newline already belong to ttrpc and are returned.
 */
export function hybridVsockHandshake(
  socket: Socket,
  port: number,
  replyTimeoutMs: number,
  target: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let line = Buffer.alloc(0);
    const done = (err: KataAgentError | undefined, rest?: Buffer): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      if (err !== undefined) {
        socket.destroy();
        reject(err);
      } else {
        socket.pause();
        resolve(rest as Buffer);
      }
    };
    const onData = (chunk: Buffer): void => {
      line = Buffer.concat([line, chunk]);
      const nl = line.indexOf(0x0a);
      if (nl < 0) {
        if (line.length > MAX_REPLY_LINE) done(malformed(target, line.subarray(0, 64).toString('latin1')));
        return;
      }
      const reply = line.subarray(0, nl).toString('latin1');
      if (!reply.includes('OK')) return done(malformed(target, reply));
      done(undefined, Buffer.from(line.subarray(nl + 1)));
    };
    const onEnd = (): void =>
      done(
        new KataAgentError(
          'unavailable',
          `hybrid vsock ${target}: closed during handshake (nobody listening on port ${port}?)`,
          { path: target },
        ),
      );
    const onError = (err: Error): void =>
      done(new KataAgentError('unavailable', `hybrid vsock ${target}: ${err.message}`, { cause: err, path: target }));
    const timer = setTimeout(
      () =>
        done(
          new KataAgentError('unavailable', `hybrid vsock ${target}: no handshake reply within ${replyTimeoutMs} ms`, {
            path: target,
          }),
        ),
      replyTimeoutMs,
    );
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onError);
    socket.write(`CONNECT ${port}\n`);
  });
}

function malformed(target: string, reply: string): KataAgentError {
  return new KataAgentError(
    'unavailable',
    `hybrid vsock ${target}: handshake failed with malformed response ${JSON.stringify(reply)}`,
    {
      path: target,
    },
  );
}
