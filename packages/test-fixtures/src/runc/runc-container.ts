import { execFile, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { waitUntil } from '@katamon/core-testing';

/** A real runc container for integration tests: busybox-static rootfs, runc's default spec, detached. */
export interface RuncContainer {
  readonly id: string;
  /** runc state root (`runc --root`). */
  readonly root: string;
  readonly bundle: string;
  /** Host pid of the container's process: it has exec'd the configured command (see startRuncContainer). */
  readonly pid: number;
  /** Run `runc --root <root> <args…>`. */
  runc(args: readonly string[]): Promise<RuncResult>;
  /** Run a command inside the container (`runc exec`). */
  exec(command: readonly string[]): Promise<RuncResult>;
  /** Send a signal to the init process (default KILL) and wait until runc reports it stopped (throws if never). */
  kill(signal?: string): Promise<void>;
  /** Kill if needed and `runc delete --force`; removes the bundle and, if the root was created here, the root. */
  delete(): Promise<void>;
}

export interface RuncResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RuncContainerOptions {
  /** Container id; default `katamon-<random>`. */
  id?: string;
  /** Process args; default an idle `sleep` loop. */
  command?: readonly string[];
  /** Memory limit, bytes. */
  memoryLimit?: number;
  /** CFS quota/period, µs. */
  cpuQuota?: { quota: number; period: number };
  pidsLimit?: number;
  /** runc state root; default a fresh temp directory (removed by `delete()`). */
  root?: string;
  /** Join this network namespace instead of creating a new one. */
  netnsPath?: string;
  /** cgroupsPath in the spec; default `/katamon-test/<id>`. */
  cgroupsPath?: string;
}

const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];
const APPLETS = [
  'sh',
  'sleep',
  'cat',
  'head',
  'tail',
  'tr',
  'dd',
  'yes',
  'true',
  'ls',
  'ps',
  'kill',
  'seq',
  'echo',
  'ip',
  'nc',
  'wget',
  'ping',
];

export const IDLE_COMMAND: readonly string[] = ['sh', '-c', 'while :; do sleep 1; done'];
export const BUSY_COMMAND: readonly string[] = ['sh', '-c', 'while :; do :; done'];

/** True when runc and busybox-static are installed and we are root. */
export function runcAvailable(): boolean {
  return (
    process.getuid?.() === 0 &&
    spawnSync('runc', ['--version'], { stdio: 'ignore' }).status === 0 &&
    BUSYBOX_CANDIDATES.some((p) => existsSync(p))
  );
}

function run(args: readonly string[], timeoutMs = 30_000): Promise<RuncResult> {
  return new Promise((resolve) => {
    execFile('runc', args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

/**
 * `runc run --detach` hands its stdio to the container, so pipes would stay open for the container's
 * lifetime: give it /dev/null and a log file instead, and wait for runc's own exit.
 */
function runDetached(args: readonly string[], logFile: string): Promise<RuncResult> {
  const log = openSync(logFile, 'w');
  return new Promise<RuncResult>((resolve) => {
    const child = spawn('runc', args, { stdio: ['ignore', log, log] });
    child.on('error', (error) => resolve({ stdout: '', stderr: String(error), code: 1 }));
    child.on('exit', (code) => resolve({ stdout: '', stderr: readFileSync(logFile, 'utf8'), code: code ?? 1 }));
  }).finally(() => closeSync(log));
}

function writeRootfs(rootfs: string): void {
  const busybox = BUSYBOX_CANDIDATES.find((p) => existsSync(p));
  if (!busybox) throw new Error('busybox-static is not installed');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  for (const dir of ['proc', 'sys', 'dev', 'tmp', 'etc']) mkdirSync(join(rootfs, dir), { recursive: true });
  copyFileSync(busybox, join(rootfs, 'bin/busybox'));
  for (const applet of APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));
}

function writeSpec(bundle: string, id: string, options: RuncContainerOptions): void {
  const generated = spawnSync('runc', ['spec', '--bundle', bundle], { encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`runc spec failed: ${generated.stderr.trim()}`);
  const specPath = join(bundle, 'config.json');
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  spec.process.terminal = false;
  spec.process.args = [...(options.command ?? IDLE_COMMAND)];
  spec.root.readonly = false;
  spec.hostname = id.slice(0, 63);
  spec.linux.cgroupsPath = options.cgroupsPath ?? `/katamon-test/${id}`;
  const resources: Record<string, unknown> = { ...(spec.linux.resources ?? {}) };
  if (options.memoryLimit !== undefined) resources.memory = { limit: options.memoryLimit, swap: options.memoryLimit };
  if (options.cpuQuota) resources.cpu = { quota: options.cpuQuota.quota, period: options.cpuQuota.period };
  if (options.pidsLimit !== undefined) resources.pids = { limit: options.pidsLimit };
  spec.linux.resources = resources;
  if (options.netnsPath) {
    spec.linux.namespaces = spec.linux.namespaces.map((ns: { type: string }) =>
      ns.type === 'network' ? { type: 'network', path: options.netnsPath } : ns,
    );
  }
  writeFileSync(specPath, JSON.stringify(spec, null, 2));
}

/**
 * Where the container's init is on its way to the configured command: still `runc init`, in the middle of
 * the exec (the kernel shows an empty cmdline between swapping in the new memory and laying out its
 * arguments), running the command, or already ended (a zombie or gone).
 */
function initPhase(pid: number): 'runc-init' | 'exec' | 'running' | 'ended' {
  let text: string;
  let state: string | undefined;
  try {
    text = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    // "pid (comm) S …": the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return 'ended';
  }
  if (state === 'Z' || state === 'X') return 'ended';
  if (text === '') return 'exec';
  const argv = text.slice(0, -1).split('\0');
  return argv[1] === 'init' && basename(argv[0] ?? '') === 'runc' ? 'runc-init' : 'running';
}

/**
 * pivot_root cannot leave an initramfs (the rootfs mount is not a mount it can move), as in the cgroup
 * test VMs: runc must then switch the container's root with --no-pivot.
 */
function rootIsInitramfs(): boolean {
  const roots = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f[4] === '/');
  const top = roots.at(-1);
  const type = top?.[top.indexOf('-') + 1];
  return type === 'rootfs' || type === 'ramfs';
}

async function containerState(root: string, id: string): Promise<string> {
  const st = await run(['--root', root, 'state', id]);
  return st.code === 0 ? (JSON.parse(st.stdout) as { status: string }).status : `unknown (${st.stderr.trim()})`;
}

/**
 * Starts a detached runc container. Always pair with `delete()` (e.g. in afterAll).
 *
 * Started means: `runc run --detach` returned (created, limits applied, start signalled) AND the init process
 * has exec'd the configured command. runc returns as soon as it has told `runc init` to go, so without the
 * second wait a caller can still see `runc init` in /proc/<pid>/cmdline, an empty cgroup of the workload's
 * CPU time, or a process that has not opened what the command opens.
 */
export async function startRuncContainer(options: RuncContainerOptions = {}): Promise<RuncContainer> {
  const id = options.id ?? `katamon-${Math.random().toString(36).slice(2, 10)}`;
  const ownRoot = options.root === undefined;
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'katamon-runc-root-'));
  const bundle = mkdtempSync(join(tmpdir(), 'katamon-runc-bundle-'));
  writeRootfs(join(bundle, 'rootfs'));
  writeSpec(bundle, id, options);
  const started = await runDetached(
    ['--root', root, 'run', '--detach', ...(rootIsInitramfs() ? ['--no-pivot'] : []), '--bundle', bundle, id],
    join(bundle, 'runc.log'),
  );
  if (started.code !== 0) {
    rmSync(bundle, { recursive: true, force: true });
    if (ownRoot) rmSync(root, { recursive: true, force: true });
    throw new Error(`runc run ${id} failed: ${started.stderr.trim()}`);
  }
  const state = JSON.parse((await run(['--root', root, 'state', id])).stdout) as { pid: number };
  const runc = (args: readonly string[]) => run(['--root', root, ...args]);
  // The command has run once the init process shows the command's argv, or has already ended.
  await waitUntil(
    () => {
      const phase = initPhase(state.pid);
      return phase === 'running' || phase === 'ended' ? phase : undefined;
    },
    {
      what: `container ${id}'s init (pid ${state.pid}) to exec ${JSON.stringify(options.command ?? IDLE_COMMAND)}`,
      describe: async () => `${initPhase(state.pid)}, runc state ${await containerState(root, id)}`,
    },
  );

  const kill = async (signal = 'KILL') => {
    await runc(['kill', id, signal]);
    // A container runc no longer knows (deleted meanwhile) is as stopped as it gets.
    const stopped = (status: string) => status === 'stopped' || status.startsWith('unknown');
    await waitUntil(async () => (stopped(await containerState(root, id)) ? true : undefined), {
      what: `container ${id} to stop after SIG${signal}`,
      intervalMs: 20,
      describe: () => containerState(root, id),
    });
  };

  return {
    id,
    root,
    bundle,
    pid: state.pid,
    runc,
    exec: (command) => runc(['exec', id, ...command]),
    kill,
    async delete() {
      await runc(['delete', '--force', id]);
      rmSync(bundle, { recursive: true, force: true });
      if (ownRoot) rmSync(root, { recursive: true, force: true });
    },
  };
}
