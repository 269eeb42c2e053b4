import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GO_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'go');
/** Debian's golang-github-containerd-ttrpc-dev and its dependencies live here (GOPATH mode, offline). */
const DEBIAN_GOPATH = '/usr/share/gocode';

/** The container id the reference agent knows (KnownID in go/main.go). */
export const KNOWN_ID = '4b1dc0ffee0123456789abcdef0123456789abcdef0123456789abcdef012345';

/** True when `go` and Debian's ttrpc sources are installed (apt: golang-go golang-github-containerd-ttrpc-dev). */
export function goTtrpcAvailable(): boolean {
  return (
    spawnSync('go', ['version']).status === 0 &&
    existsSync(join(DEBIAN_GOPATH, 'src/github.com/containerd/ttrpc/server.go'))
  );
}

/** The interop tests are acceptance tests: a machine without the toolchain fails them instead of skipping. */
export function requireGoTtrpc(): void {
  if (!goTtrpcAvailable()) {
    throw new Error('Go ttrpc reference unavailable: apt-get install golang-go golang-github-containerd-ttrpc-dev');
  }
}

function cacheDir(): string {
  return join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'katamon', 'go');
}

let building: Promise<string> | undefined;

/** Builds go/ with Debian's ttrpc 1.1.1 in GOPATH mode; the binary is cached by source hash. */
export function buildKataAgentRef(): Promise<string> {
  building ??= (async () => {
    const files = (await readdir(GO_SOURCE)).filter((f) => f.endsWith('.go')).sort();
    const hash = createHash('sha256');
    for (const f of files) hash.update(f).update(await readFile(join(GO_SOURCE, f)));
    const binary = join(cacheDir(), `kata-agent-ref-${hash.digest('hex').slice(0, 16)}`);
    if (existsSync(binary)) return binary;
    const gopath = await mkdtemp(join(tmpdir(), 'kata-agent-ref-'));
    try {
      await cp(GO_SOURCE, join(gopath, 'src', 'kataagentref'), { recursive: true });
      await mkdir(cacheDir(), { recursive: true });
      const staged = `${binary}.${process.pid}.tmp`;
      await run('go', ['build', '-o', staged, 'kataagentref'], {
        cwd: gopath,
        timeout: 300_000,
        env: {
          ...process.env,
          GO111MODULE: 'off',
          GOPATH: `${DEBIAN_GOPATH}:${gopath}`,
          GOCACHE: join(cacheDir(), 'build-cache'),
          GOFLAGS: '',
          CGO_ENABLED: '0',
        },
      });
      await rename(staged, binary);
      return binary;
    } finally {
      await rm(gopath, { recursive: true, force: true });
    }
  })();
  return building;
}

export interface RunningAgentRef {
  /** Plain ttrpc socket. */
  unixPath: string;
  /** Same server behind the hybrid-vsock `CONNECT 1024` handshake. */
  hvsockPath: string;
  /** Resolves once the agent printed `line` (e.g. SLOW: a `slow` request reached its handler). */
  printed(line: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the reference agent in `dir`; resolves once it printed READY. */
export async function startKataAgentRef(dir: string): Promise<RunningAgentRef> {
  const binary = await buildKataAgentRef();
  const unixPath = join(dir, 'agent.sock');
  const hvsockPath = join(dir, 'hvsock.sock');
  const child: ChildProcess = spawn(binary, ['serve', '-unix', unixPath, '-hvsock', hvsockPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  const waiting: { line: string; resolve: () => void }[] = [];
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of waiting.filter((w) => stdout.split('\n').includes(w.line))) w.resolve();
  });
  const printed = (line: string) =>
    new Promise<void>((resolve) => {
      if (stdout.split('\n').includes(line)) resolve();
      else waiting.push({ line, resolve });
    });
  await new Promise<void>((resolve, reject) => {
    void printed('READY').then(resolve);
    child.once('exit', (code) => reject(new Error(`kata-agent-ref exited with ${code}: ${stderr}`)));
    child.once('error', reject);
  });
  return {
    unixPath,
    hvsockPath,
    printed,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the Go ttrpc client benchmark against a running reference agent. */
export async function goBench(
  unixPath: string,
  args: { n?: number; concurrency?: number; id?: string },
): Promise<{ calls: number; totalNs: number }> {
  const binary = await buildKataAgentRef();
  const argv = [
    'bench',
    '-unix',
    unixPath,
    '-n',
    String(args.n ?? 10_000),
    '-concurrency',
    String(args.concurrency ?? 1),
  ];
  if (args.id !== undefined) argv.push('-id', args.id);
  const { stdout } = await run(binary, argv, { timeout: 600_000 });
  return JSON.parse(stdout.trim()) as { calls: number; totalNs: number };
}
