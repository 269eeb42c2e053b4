import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecked, runCommand, type CommandResult } from '../host/run-command.js';
import type { EngineContainer, RunOptions } from '../engine-container.js';
import { engineContainer } from '../engine-container.js';
import { claimDefaultPaths } from '../workspace/default-paths.js';
import { imageArchivePath, type ImageSource } from '../workspace/image-archive.js';
import { startDaemon } from '../workspace/start-daemon.js';
import { createWorkspace, randomId, type Workspace } from '../workspace/workspace.js';
import { containerdConfig, type ContainerdPaths } from './containerd-config.js';
import { ctrRunArgs } from './ctr-run-args.js';

/** Where the runc shim keeps state, per namespace, whatever containerd's own --state (tried here). */
export const CONTAINERD_RUNC_ROOT = '/run/containerd/runc';

export interface ContainerdOptions {
  /** Load the CRI service (Kubernetes pods); default off, which starts faster. */
  cri?: boolean;
  /** Use /var/lib/containerd, /run/containerd and its socket, owned for the duration (see README). */
  defaults?: boolean;
  /** Share a workspace (and its watchdog) with other engines; default a new one. */
  workspace?: Workspace;
}

export interface Containerd {
  readonly workspace: Workspace;
  /** This daemon's scope in the workspace journal (record cleanup steps for what you make through it). */
  readonly scope: string;
  readonly root: string;
  readonly state: string;
  readonly address: string;
  readonly pid: number;
  readonly cri: boolean;
  /** The namespace `run` and `importImage` use by default: `katamon-<random>`, this daemon's own. */
  readonly namespace: string;
  /** `ctr --address <ours> --namespace <ns> <args>`; never rejects (see `code`). */
  ctr(args: readonly string[], namespace?: string): Promise<CommandResult>;
  importImage(image: ImageSource, namespace?: string): Promise<void>;
  /** `ctr run --detach` with labels, annotations and limits; resolves once the task runs. */
  run(options: RunOptions & { namespace?: string }): Promise<EngineContainer>;
  /** Kill and delete the task, delete the container (and its snapshot). */
  remove(id: string, namespace?: string): Promise<void>;
  /** Everything of this daemon gone; rejects listing what was left on the host. */
  stop(): Promise<void>;
  /** Called before the daemon stops (a dockerd on it, CRI clients). */
  onStop(hook: () => Promise<void>): void;
}

const DEFAULT_PATHS = { root: '/var/lib/containerd', state: '/run/containerd' } as const;
/** Ours in /run/containerd; `runc/`, `s/` and `fifo/` there are every containerd's, so they stay. */
const DEFAULT_STATE_ENTRIES = [
  'containerd.sock',
  'containerd.sock.ttrpc',
  'io.containerd.runtime.v1.linux',
  'io.containerd.runtime.v2.task',
  'io.containerd.grpc.v1.cri',
];

function pathsFor(dir: string, defaults: boolean): ContainerdPaths {
  const cniDir = join(dir, 'cni');
  if (defaults) return { ...DEFAULT_PATHS, address: '/run/containerd/containerd.sock', cniDir };
  return {
    root: join(dir, 'root'),
    state: join(dir, 'state'),
    address: join(dir, 'containerd.sock'),
    opt: join(dir, 'opt'),
    cniDir,
  };
}

export async function startContainerd(options: ContainerdOptions = {}): Promise<Containerd> {
  const ownWorkspace = options.workspace === undefined;
  const ws = options.workspace ?? (await createWorkspace('containerd'));
  const scope = ws.scope('containerd');
  const dir = ws.subdir(scope);
  const cri = options.cri ?? false;
  const paths = pathsFor(dir, options.defaults ?? false);
  const ctrBase = ['ctr', '--address', paths.address];
  const namespace = `katamon-${ws.id}`;
  const hooks: (() => Promise<void>)[] = [];
  const runtimeContainers = { root: `${CONTAINERD_RUNC_ROOT}/*`, bundleUnder: paths.state };
  try {
    const except = options.defaults
      ? await claimDefaultPaths(ws, scope, {
          engine: 'containerd',
          paths: [DEFAULT_PATHS.root, ...DEFAULT_STATE_ENTRIES.map((entry) => join(DEFAULT_PATHS.state, entry))],
          sockets: [paths.address],
          needles: [`-address\0${paths.address}`],
          containers: [runtimeContainers],
        })
      : [];
    // Recorded before the daemon exists: the watchdog undoes whatever part of it a crash leaves.
    for (const state of [paths.state, paths.root]) ws.record(scope, { kind: 'unmount', dir: state });
    ws.record(scope, { kind: 'remove', path: dir });
    ws.record(scope, { kind: 'shim-sockets', taskRoot: join(paths.state, 'io.containerd.runtime.v2.task') });
    ws.record(scope, { kind: 'runtime-containers', runtime: 'runc', ...runtimeContainers, except });
    ws.record(scope, { kind: 'processes-mentioning', needle: `-address\0${paths.address}` });
    ws.record(scope, { kind: 'remove', path: join(CONTAINERD_RUNC_ROOT, namespace), onlyIfEmpty: true });
    ws.record(scope, { kind: 'cgroup', path: `/${namespace}` });
    const config = join(dir, 'config.toml');
    writeFileSync(config, containerdConfig(paths, cri));
    const daemon = await startDaemon(ws, scope, {
      name: 'containerd',
      argv: ['containerd', '--config', config],
      ready: async () => (await runCommand([...ctrBase, 'version'], { timeoutMs: 10_000 })).code === 0,
    });
    ws.record(scope, { kind: 'sweep', engine: 'containerd', argv: ctrBase });

    const ctr = (args: readonly string[], ns = namespace) => runCommand([...ctrBase, '--namespace', ns, ...args]);
    const checked = (args: readonly string[], ns = namespace) => runChecked([...ctrBase, '--namespace', ns, ...args]);
    const remove = async (id: string, ns = namespace) => {
      await ctr(['tasks', 'delete', '--force', id], ns);
      await checked(['containers', 'delete', id], ns);
    };
    let stopped: Promise<void> | undefined;
    return {
      workspace: ws,
      scope,
      root: paths.root,
      state: paths.state,
      address: paths.address,
      pid: daemon.pid,
      cri,
      namespace,
      ctr,
      async importImage(image, ns = namespace) {
        await checked(['images', 'import', await imageArchivePath(ws, image)], ns);
      },
      async run(run) {
        const ns = run.namespace ?? namespace;
        const id = run.name ?? `katamon-${randomId()}`;
        const log = join(ws.subdir('logs'), `${id}.log`);
        await checked(ctrRunArgs(id, `file://${log}`, run), ns);
        return engineContainer('containerd', id, id, join(CONTAINERD_RUNC_ROOT, ns), () => remove(id, ns));
      },
      remove,
      onStop: (hook) => void hooks.push(hook),
      stop() {
        stopped ??= (async () => {
          for (const hook of hooks.reverse()) await hook();
          await (ownWorkspace ? ws.close() : ws.teardown(scope));
        })();
        return stopped;
      },
    };
  } catch (error) {
    await (ownWorkspace ? ws.close() : ws.teardown(scope)).catch(() => undefined);
    throw error;
  }
}
