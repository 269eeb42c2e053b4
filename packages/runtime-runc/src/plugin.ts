import {
  definePlugin,
  NOT_ON_THIS_HOST,
  PLUGIN_API_VERSION,
  type HostProbeReport,
  type PluginContext,
} from '@katamon/core';
import { RuncResolver } from './runc-resolver.js';
import type { StateRoot } from './state-root.js';
import { CONTAINERD_RUNC_ROOT, containerdRoots, probeContainerd } from './engines/containerd-engine.js';
import { CRIO_RUN, CRIO_RUN_ROOT, crioProfile, probeCrio } from './engines/cri-o-engine.js';
import {
  DOCKER_DAEMON_CONFIG,
  DOCKER_DATA_ROOT,
  DOCKER_EXEC_ROOT,
  dockerDaemonRoots,
  dockerProfile,
  dockerRuncRoot,
  probeDocker,
} from './engines/docker-engine.js';
import { rolePath, roleValue } from './engines/host-roots.js';
import { PODMAN_STORAGE, podmanProfile, probePodman } from './engines/podman-engine.js';
import { probed } from './engines/probe-paths.js';
import { crunProfile, runcProfile } from './engines/runc-engine.js';

/*
 * Every engine's resolver is created unless discovery leaves it out (ctx.discover) and the user gave none of its
 * roots: nothing is probed at start-up, and an absent root costs one failed system call per lookup, the same as a
 * probe would, while an engine started after a long-running katamon is still seen. The probes answer the doctor.
 *
 * Roles of ctx.roots this plugin reads (':'-separated lists where several roots make sense):
 *   runc, crun                  plain runc / crun state roots (Podman's and CRI-O's containers are there too)
 *   containerdRunc              containerd's runc root, one directory per namespace
 *   dockerExec, dockerData      dockerd's --exec-root and --data-root (else daemon.json's, else the defaults)
 *   dockerConfig                dockerd's daemon.json (/etc/docker/daemon.json)
 *   podmanStorage               rootful Podman's storage root (containers.json)
 *   crioRun, crioRunRoot        CRI-O's run directory, and its storage run root (bundles)
 */

const PLAIN = [
  { engine: 'runc', role: 'runc', fallback: '/run/runc', profile: runcProfile },
  { engine: 'crun', role: 'crun', fallback: '/run/crun', profile: crunProfile },
] as const;

/** The plain roots (`--root`, `--crun-root`, else the defaults discovery allows), with Podman and CRI-O as owners. */
export function stateRootsOf(ctx: PluginContext): StateRoot[] {
  const podman = rolePath(ctx, 'podmanStorage', 'podman', PODMAN_STORAGE);
  const crio = rolePath(ctx, 'crioRunRoot', 'cri-o', CRIO_RUN_ROOT);
  const owners = [
    ...(podman === undefined ? [] : [podmanProfile(podman.paths[0] as string)]),
    ...(crio === undefined ? [] : [crioProfile(crio.paths[0] as string)]),
  ];
  return PLAIN.flatMap(({ engine, role, fallback, profile }) =>
    (roleValue(ctx, role, engine, fallback)?.paths ?? []).map((path) => ({
      path,
      runtime: engine,
      engines: [...owners, profile],
    })),
  );
}

function probePlain(ctx: PluginContext): HostProbeReport[] {
  const reports: HostProbeReport[] = PLAIN.map(({ engine, role, fallback }) => {
    const value = roleValue(ctx, role, engine, fallback);
    if (value === undefined) return { engine, found: false, detail: 'not discovered (--discover)', paths: [] };
    const paths = value.paths.map((p) => probed('state root', p));
    const found = value.given || paths.some((p) => p.found);
    const detail = value.given
      ? `state roots given: ${value.paths.join(', ')}`
      : found
        ? `state root ${value.paths.join(', ')}`
        : `no ${value.paths.join(', ')} (no ${engine} container has run here)`;
    return { engine, found, detail, paths };
  });
  const podman = rolePath(ctx, 'podmanStorage', 'podman', PODMAN_STORAGE);
  reports.push(
    podman === undefined
      ? { engine: 'podman', found: false, detail: 'not discovered (--discover)', paths: [] }
      : probePodman(podman.paths[0] as string, podman.given),
  );
  const crio = rolePath(ctx, 'crioRun', 'cri-o', CRIO_RUN);
  reports.push(
    crio === undefined
      ? { engine: 'cri-o', found: false, detail: 'not discovered (--discover)', paths: [] }
      : probeCrio(crio.paths[0] as string, crio.given),
  );
  return reports;
}

/** Docker's roots: the user's, else those dockerd's daemon.json names, else dockerd's defaults. */
function dockerRoots(ctx: PluginContext) {
  const given = (role: string) => ctx.givenRoots?.includes(role) === true;
  const daemon =
    given('dockerExec') && given('dockerData')
      ? {}
      : dockerDaemonRoots(ctx.roots['dockerConfig'] ?? DOCKER_DAEMON_CONFIG);
  const exec = rolePath(ctx, 'dockerExec', 'docker', daemon.execRoot ?? DOCKER_EXEC_ROOT);
  const data = rolePath(ctx, 'dockerData', 'docker', daemon.dataRoot ?? DOCKER_DATA_ROOT);
  if (exec === undefined || data === undefined) return undefined;
  return { exec: exec.paths[0] as string, data: data.paths[0] as string, given: exec.given };
}

export const plugin = definePlugin({
  name: '@katamon/runtime-runc',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  resolvers: [
    {
      // Plain runc and crun, and the Podman and CRI-O containers that share their roots.
      kind: 'runc',
      probe: probePlain,
      create: (ctx: PluginContext) => {
        const roots = stateRootsOf(ctx);
        if (roots.length === 0) return NOT_ON_THIS_HOST;
        return new RuncResolver({ roots, cgroupRoot: ctx.roots['cgroup'], procRoot: ctx.roots['proc'] });
      },
    },
    {
      kind: 'containerd',
      probe: (ctx: PluginContext) => {
        const root = rolePath(ctx, 'containerdRunc', 'containerd', CONTAINERD_RUNC_ROOT);
        if (root === undefined)
          return [{ engine: 'containerd', found: false, detail: 'not discovered (--discover)', paths: [] }];
        return [probeContainerd(root.paths[0] as string, root.given)];
      },
      create: (ctx: PluginContext) => {
        const root = rolePath(ctx, 'containerdRunc', 'containerd', CONTAINERD_RUNC_ROOT)?.paths[0];
        if (root === undefined) return NOT_ON_THIS_HOST;
        return new RuncResolver({
          name: 'containerd',
          roots: containerdRoots(root, dockerRoots(ctx)?.data),
          cgroupRoot: ctx.roots['cgroup'],
          procRoot: ctx.roots['proc'],
        });
      },
    },
    {
      kind: 'docker',
      probe: (ctx: PluginContext) => {
        const docker = dockerRoots(ctx);
        if (docker === undefined)
          return [{ engine: 'docker', found: false, detail: 'not discovered (--discover)', paths: [] }];
        return [probeDocker(docker.exec, docker.data, docker.given)];
      },
      create: (ctx: PluginContext) => {
        const docker = dockerRoots(ctx);
        if (docker === undefined) return NOT_ON_THIS_HOST;
        return new RuncResolver({
          name: 'docker',
          roots: [{ path: dockerRuncRoot(docker.exec), runtime: 'runc', engines: [dockerProfile(docker.data)] }],
          cgroupRoot: ctx.roots['cgroup'],
          procRoot: ctx.roots['proc'],
        });
      },
    },
  ],
});
