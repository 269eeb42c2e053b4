import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SERVER_BIN = join(workspace, 'apps', 'server', 'dist', 'katamon-server.mjs');

/** Bundles the server from the workspace sources (once per test file; a few hundred ms). */
export function bundleServer(): string {
  const result = spawnSync(process.execPath, [join(workspace, 'apps', 'server', 'scripts', 'bundle.mjs')], {
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(SERVER_BIN) || statSync(SERVER_BIN).size === 0) {
    throw new Error(`bundling the server failed: ${result.stderr}`);
  }
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

/** Starts `katamon-server --port 0 …` (in `cwd`, default this process's) and waits for its `{"listening":…}` line. */
export async function startServer(args: readonly string[], cwd?: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_BIN, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd === undefined ? {} : { cwd }),
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
