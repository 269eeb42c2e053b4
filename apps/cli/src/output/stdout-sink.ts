/** Where events and tables go: whole lines only, and a way to learn that the reader went away. */
export interface OutputSink {
  /** Writes one complete chunk (ending in a newline) in one call; false once the reader is gone. */
  write(text: string): boolean;
  readonly closed: boolean;
}

export interface StdoutSinkOptions {
  stream?: NodeJS.WritableStream;
  /** Called once when a write fails: EPIPE means the reader closed the pipe (`| head -1`). */
  onClosed: (error: NodeJS.ErrnoException) => void;
}

/**
 * stdout writes are synchronous for files, pipes and terminals on Linux, so each chunk lands whole before
 * a signal handler runs: no partial line. After the first error nothing more is written.
 */
export function createStdoutSink(options: StdoutSinkOptions): OutputSink {
  const stream = options.stream ?? process.stdout;
  let closed = false;
  const fail = (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    options.onClosed(error);
  };
  stream.on('error', fail);
  return {
    write(text) {
      if (closed) return false;
      try {
        stream.write(text);
      } catch (error) {
        fail(error as NodeJS.ErrnoException);
      }
      return !closed;
    },
    get closed() {
      return closed;
    },
  };
}
