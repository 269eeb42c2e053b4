import { writeSync } from 'node:fs';

/** Where events and tables go: whole lines only, and a way to learn that the reader went away. */
export interface OutputSink {
  /** Writes one complete chunk (ending in a newline) in one call; false once the reader is gone. */
  write(text: string): boolean;
  readonly closed: boolean;
}

export interface StdoutSinkOptions {
  /**
   * The stream to write to, or how to get it when it is first needed (creating `process.stdout` loads the
   * tty/net/stream machinery, which a one-shot command that writes through `fd` never needs).
   */
  stream?: NodeJS.WritableStream | (() => NodeJS.WritableStream);
  /**
   * Write this descriptor directly with `writeSync` (1 for stdout): a write then costs one system call,
   * without the Writable machinery (about a tenth of a 10 ms stream's CPU per event). If the descriptor
   * is non-blocking and full (EAGAIN), the rest of that chunk and everything after goes through `stream`.
   */
  fd?: number;
  /** Called once when a write fails: EPIPE means the reader closed the pipe (`| head -1`). */
  onClosed: (error: NodeJS.ErrnoException) => void;
}

/**
 * stdout writes are synchronous for files, pipes and terminals on Linux, so each chunk lands whole before
 * a signal handler runs: no partial line. After the first error nothing more is written.
 */
export function createStdoutSink(options: StdoutSinkOptions): OutputSink {
  let closed = false;
  let stream: NodeJS.WritableStream | undefined;
  const fail = (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    options.onClosed(error);
  };
  const ensureStream = (): NodeJS.WritableStream => {
    if (stream === undefined) {
      const given = options.stream ?? process.stdout;
      stream = typeof given === 'function' ? given() : given;
      stream.on('error', fail);
    }
    return stream;
  };
  const toStream = (chunk: string | Buffer): void => void ensureStream().write(chunk);
  // Writes what it can straight to the descriptor; true when all of it went.
  const toFd = (fd: number, text: string): boolean => {
    let written = writeSync(fd, text);
    if (written === Buffer.byteLength(text)) return true;
    // A partial write (a signal, a full non-blocking pipe): the rest, as bytes.
    const bytes = Buffer.from(text);
    for (;;) {
      try {
        written += writeSync(fd, bytes, written);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        toStream(bytes.subarray(written));
        return false;
      }
      if (written >= bytes.length) return true;
    }
  };
  let direct = options.fd;
  if (direct === undefined) ensureStream();
  return {
    write(text) {
      if (closed) return false;
      try {
        if (direct === undefined) toStream(text);
        else if (!toFd(direct, text)) direct = undefined;
      } catch (error) {
        if (direct !== undefined && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
          direct = undefined;
          try {
            toStream(text);
          } catch (streamError) {
            fail(streamError as NodeJS.ErrnoException);
          }
        } else fail(error as NodeJS.ErrnoException);
      }
      return !closed;
    },
    get closed() {
      return closed;
    },
  };
}
