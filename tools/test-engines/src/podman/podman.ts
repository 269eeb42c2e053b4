import { join } from 'node:path';
import { containerRunArgs } from '../docker/docker-run-args.js';
import { engineContainer, type EngineContainer, type RunOptions } from '../engine-container.js';
import { runChecked, runCommand, type CommandResult } from '../host/run-command.js';
import { claimDefaultPaths } from '../workspace/default-paths.js';
import { imageArchivePath, type ImageSource } from '../workspace/image-archive.js';
import { createWorkspace, randomId, type Workspace } from '../workspace/workspace.js';

export interface PodmanOptions {
  /** /var/lib/containers/storage, /run/containers/storage and /run/libpod, owned for the duration. */
  defaults?: boolean;
  /**
   * The OCI runtime; default runc. Podman 4.3 prefers crun when it is installed, and crun 1.8 refuses this
   * host's hybrid cgroups ("cgroups in hybrid mode not supported").
   */
  runtime?: 'runc' | 'crun';
  workspace?: Workspace;
}

export interface Podman {
  readonly workspace: Workspace;
  readonly root: string;
  readonly runroot: string;
  /** Where the OCI runtime keeps state: `/run/runc` (or `/run/crun`), shared with every rootful user. */
  readonly runtimeRoot: string;
  podman(args: readonly string[]): Promise<CommandResult>;
  load(image: ImageSource): Promise<void>;
  run(options: RunOptions): Promise<EngineContainer>;
  stop(): Promise<void>;
}

/** Podman's defaults are above this sandbox's hard limits; without these runc fails (tried here). */
export const PODMAN_ULIMITS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

const DEFAULTS = { root: '/var/lib/containers/storage', runroot: '/run/containers/storage', tmpdir: '/run/libpod' };

/**
 * Rootful Podman with its own storage (`--root`, `--runroot`) and state (`--tmpdir`, where libpod keeps its
 * alive lock and exit files), cgroupfs, no events and no network config of its own.
 */
export async function createPodman(options: PodmanOptions = {}): Promise<Podman> {
  const ownWorkspace = options.workspace === undefined;
  const ws = options.workspace ?? (await createWorkspace('podman'));
  const scope = ws.scope('podman');
  const dir = ws.subdir(scope);
  const runtime = options.runtime ?? 'runc';
  const paths = options.defaults
    ? DEFAULTS
    : { root: join(dir, 'root'), runroot: join(dir, 'runroot'), tmpdir: join(dir, 'tmp') };
  const base = [
    'podman',
    '--root',
    paths.root,
    '--runroot',
    paths.runroot,
    '--tmpdir',
    paths.tmpdir,
    '--runtime',
    runtime,
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'none',
    '--storage-driver',
    'overlay',
    '--network-config-dir',
    join(dir, 'networks'),
  ];
  const runtimeRoot = `/run/${runtime}`;
  const teardown = () => (ownWorkspace ? ws.close() : ws.teardown(scope));
  const runtimeContainers = { root: runtimeRoot, bundleUnder: paths.root };
  try {
    const except = options.defaults
      ? await claimDefaultPaths(ws, scope, {
          engine: 'podman',
          paths: [paths.root, paths.runroot, paths.tmpdir],
          needles: [paths.root],
          containers: [runtimeContainers],
        })
      : [];
    for (const d of [paths.root, paths.runroot]) ws.record(scope, { kind: 'unmount', dir: d });
    ws.record(scope, { kind: 'remove', path: dir });
    ws.record(scope, { kind: 'runtime-containers', runtime, ...runtimeContainers, except });
    // conmon (bundle under our root) and the exit command it spawns (`podman --root <ours> container
    // cleanup`) both name our storage, which may otherwise be recreated after it was removed.
    ws.record(scope, { kind: 'processes-mentioning', needle: options.defaults ? paths.root : dir });
    ws.record(scope, { kind: 'sweep', engine: 'podman', argv: base });
    const podman = (args: readonly string[]) => runCommand([...base, ...args]);
    const checked = (args: readonly string[]) => runChecked([...base, ...args]);
    return {
      workspace: ws,
      root: paths.root,
      runroot: paths.runroot,
      runtimeRoot,
      podman,
      async load(image) {
        await checked(['load', '--input', await imageArchivePath(ws, image)]);
      },
      async run(run) {
        const name = run.name ?? `katamon-${randomId()}`;
        const id = (await checked(containerRunArgs('podman', name, run, PODMAN_ULIMITS))).trim();
        const remove = async () => void (await checked(['rm', '--force', '--time', '0', id]));
        return engineContainer('podman', id, name, runtimeRoot, remove);
      },
      stop: teardown,
    };
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}
