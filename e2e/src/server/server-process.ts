import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureDist, SERVER_BIN } from '../katamon-dist.js';

export { SERVER_BIN };

/** Builds dist/katamon/ when a source changed since (the same build for every test file); the server's bin. */
export function bundleServer(): string {
  ensureDist();
  return SERVER_BIN;
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` or `https://…`, or the unix socket path. */
  address: string;
  child: ChildProcess;
  /** Everything the server logged on stderr so far. */
  stderr(): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartServerOptions {
  /** The server's working directory (default this process's). */
  cwd?: string;
  /** Variables added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Another build of the server. */
  bin?: string;
  /** A command that runs node, e.g. `setpriv` with its options. */
  prefix?: readonly string[];
}

/**
 * Starts `katamon-server --port 0 …` and waits for its `{"listening":…}` line; a string is the working directory.
 * Discovery is off (`--discover none`) unless `args` name one: a test sees the roots it gave, never the host's
 * other engines' containers.
 */
export async function startServer(
  args: readonly string[],
  options: string | StartServerOptions = {},
): Promise<ServerProcess> {
  const how = typeof options === 'string' ? { cwd: options } : options;
  const discover = args.includes('--discover') ? [] : ['--discover', 'none'];
  const [command, ...rest] = [
    ...(how.prefix ?? []),
    process.execPath,
    how.bin ?? SERVER_BIN,
    '--port',
    '0',
    ...discover,
    ...args,
  ];
  const child = spawn(command ?? process.execPath, rest, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...how.env },
    ...(how.cwd === undefined ? {} : { cwd: how.cwd }),
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { listening: string }).listening);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return {
    address,
    child,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
