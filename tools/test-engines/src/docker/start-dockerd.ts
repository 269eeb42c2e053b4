import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Containerd } from '../containerd/start-containerd.js';
import { engineContainer, type EngineContainer, type RunOptions } from '../engine-container.js';
import { runChecked, runCommand, type CommandResult } from '../host/run-command.js';
import { DOCKER_CLI } from '../host/tools.js';
import { claimDefaultPaths } from '../workspace/default-paths.js';
import { imageArchivePath, type ImageSource } from '../workspace/image-archive.js';
import { startDaemon } from '../workspace/start-daemon.js';
import { randomId } from '../workspace/workspace.js';
import { containerRunArgs } from './docker-run-args.js';

export interface DockerdOptions {
  /** The containerd dockerd runs its containers on (`--containerd`); dockerd stops before it. */
  containerd: Containerd;
  /** /var/lib/docker, /run/docker, /run/docker.sock and /etc/docker/key.json, owned for the duration. */
  defaults?: boolean;
}

/** One line of `docker stats --no-stream --format '{{json .}}'` (Docker 20.10). */
export interface DockerStatsLine {
  BlockIO: string;
  CPUPerc: string;
  Container: string;
  ID: string;
  MemPerc: string;
  MemUsage: string;
  Name: string;
  NetIO: string;
  PIDs: string;
}

export interface Dockerd {
  readonly dataRoot: string;
  readonly execRoot: string;
  /** `unix://…` for `docker -H`. */
  readonly host: string;
  readonly pid: number;
  /** runc's state root for Docker's containers: `<exec-root>/runtime-runc/moby`. */
  readonly runtimeRoot: string;
  docker(args: readonly string[]): Promise<CommandResult>;
  load(image: ImageSource): Promise<void>;
  /** `docker run --detach --network none` with labels and limits. */
  run(options: RunOptions): Promise<EngineContainer>;
  stats(): Promise<DockerStatsLine[]>;
  stop(): Promise<void>;
}

const DEFAULTS = {
  dataRoot: '/var/lib/docker',
  execRoot: '/run/docker',
  socket: '/run/docker.sock',
  pidfile: '/run/docker.pid',
  key: '/etc/docker/key.json',
} as const;

export async function startDockerd(options: DockerdOptions): Promise<Dockerd> {
  const ws = options.containerd.workspace;
  const scope = ws.scope('docker');
  const dir = ws.subdir(scope);
  // Socket paths are limited to 108 bytes: keep exec-root short, libnetwork puts sockets in it.
  const paths = options.defaults
    ? DEFAULTS
    : {
        dataRoot: join(dir, 'data'),
        execRoot: join(dir, 'exec'),
        socket: join(dir, 'docker.sock'),
        pidfile: join(dir, 'docker.pid'),
        key: join(dir, 'key.json'),
      };
  const host = `unix://${paths.socket}`;
  // The CLI keeps its own config in ~/.docker unless told otherwise.
  const env = { ...process.env, DOCKER_CONFIG: ws.subdir(scope, 'cli') };
  const cli = [DOCKER_CLI, '--host', host];
  const docker = (args: readonly string[]) => runCommand([...cli, ...args], { env });
  const teardown = () => ws.teardown(scope);
  try {
    if (options.defaults) {
      // Its runtime root moves aside with /run/docker: nothing of someone else's stays in our way.
      await claimDefaultPaths(ws, scope, {
        engine: 'docker',
        paths: [paths.dataRoot, paths.execRoot, paths.socket, paths.pidfile, paths.key],
        sockets: [paths.socket],
        containers: [{ root: join(paths.execRoot, 'runtime-runc', 'moby') }],
      });
    }
    for (const d of [paths.dataRoot, paths.execRoot]) ws.record(scope, { kind: 'unmount', dir: d });
    ws.record(scope, { kind: 'remove', path: dir });
    // dockerd 20.10 makes /run/docker/plugins whatever its exec-root: gone again once no dockerd runs.
    for (const path of ['/run/docker', '/run/docker/plugins']) {
      ws.record(scope, { kind: 'remove', path, onlyIfEmpty: true, unlessRunning: 'dockerd' });
    }
    const runtimeRoot = join(paths.execRoot, 'runtime-runc', 'moby');
    ws.record(scope, { kind: 'runtime-containers', runtime: 'runc', root: runtimeRoot });
    // Not /etc/docker/daemon.json. `deprecated-key-path` (a 20.10 config key, not a flag) keeps the trust
    // key out of /etc/docker/key.json.
    const config = join(dir, 'daemon.json');
    writeFileSync(config, JSON.stringify({ 'deprecated-key-path': paths.key }) + '\n');
    const daemon = await startDaemon(ws, scope, {
      name: 'dockerd',
      argv: [
        'dockerd',
        '--config-file',
        config,
        '--containerd',
        options.containerd.address,
        '--data-root',
        paths.dataRoot,
        '--exec-root',
        paths.execRoot,
        '--pidfile',
        paths.pidfile,
        '--host',
        host,
        '--iptables=false',
        '--bridge=none',
      ],
      ready: async () => (await docker(['version', '--format', '{{.Server.Version}}'])).code === 0,
      graceMs: 15_000,
    });
    ws.record(scope, { kind: 'sweep', engine: 'docker', argv: cli });
    options.containerd.onStop(teardown);
    const checked = (args: readonly string[]) => runChecked([...cli, ...args], { env });
    return {
      dataRoot: paths.dataRoot,
      execRoot: paths.execRoot,
      host,
      pid: daemon.pid,
      runtimeRoot,
      docker,
      async load(image) {
        await checked(['load', '--input', await imageArchivePath(ws, image)]);
      },
      async run(run) {
        const name = run.name ?? `katamon-${randomId()}`;
        const id = (await checked(containerRunArgs('docker', name, run))).trim();
        const remove = async () => void (await checked(['rm', '--force', id]));
        return engineContainer('docker', id, name, runtimeRoot, remove);
      },
      async stats() {
        const out = await checked(['stats', '--no-stream', '--format', '{{json .}}']);
        return out
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as DockerStatsLine);
      },
      stop: teardown,
    };
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}
