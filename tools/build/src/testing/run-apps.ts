import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node <bin> <args>` to its end, from `cwd`, with only PATH and HOME from this environment. */
export function runNode(
  node: string,
  bin: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Run {
  const run = spawnSync(node, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], HOME: cwd, ...env },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `katamon --root <root> events --interval 100ms <id>` from the copy until `count` events, then SIGINT. */
export function streamEvents(
  node: string,
  copy: { cli: string; dir: string },
  container: { root: string; id: string },
  count: number,
): Promise<Run & { maps: string }> {
  const args = [copy.cli, '--root', container.root, 'events', '--interval', '100ms', container.id];
  const child = spawn(node, args, { cwd: copy.dir, env: { PATH: process.env['PATH'], HOME: copy.dir } });
  let stdout = '';
  let stderr = '';
  let maps = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.split('\n').length > count && maps === '') {
        // What the process mapped (its addons) while it streamed.
        maps = readFileSync(`/proc/${child.pid}/maps`, 'utf8');
        child.kill('SIGINT');
      }
    });
    child.on('close', (status) => resolve({ status, stdout, stderr, maps }));
  });
}

export interface RunningServer {
  address: string;
  stderr(): string;
  /** SIGTERM; resolves with the exit status. */
  stop(): Promise<number | null>;
}

/** `node katamon-server.mjs --port 0 <args>` from `cwd`, once it printed its address. */
export function startServer(
  node: string,
  server: string,
  args: readonly string[],
  cwd: string,
): Promise<RunningServer> {
  const child = spawn(node, [server, '--port', '0', ...args], { cwd, env: { PATH: process.env['PATH'], HOME: cwd } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`katamon-server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({
        address: (JSON.parse(line) as { listening: string }).listening,
        stderr: () => stderr,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      }),
    );
  });
}

/** GET over real HTTP: status, content type and body. */
export async function get(address: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${address}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}
