/**
 * Host paths the plugins read, by role. A value may be a ':'-separated list (e.g. several runc roots);
 * each plugin splits the roles it uses with {@link splitRootList}.
 */
export const defaultRoots: Readonly<Record<string, string>> = Object.freeze({
  runc: '/run/runc',
  crun: '/run/crun',
  kata: '/run/vc',
  kataShim: '/run/kata',
  cgroup: '/sys/fs/cgroup',
  proc: '/proc',
  netns: '/run/netns',
  /** containerd's runc shim state, one directory per namespace (whatever containerd's own --state is). */
  containerdRunc: '/run/containerd/runc',
  /** containerd's --state: the bundles of its tasks (Kata's included). */
  containerdState: '/run/containerd',
  /** dockerd's --exec-root (runc state under runtime-runc/moby) and --data-root (config.v2.json). */
  dockerExec: '/run/docker',
  dockerData: '/var/lib/docker',
  /** dockerd's daemon.json: its `exec-root` and `data-root` stand in for the two above when the user gave neither. */
  dockerConfig: '/etc/docker/daemon.json',
  /** Rootful Podman's storage root (containers.json, images.json). */
  podmanStorage: '/var/lib/containers/storage',
  /** CRI-O's run directory, and the storage run root its bundles are in. */
  crioRun: '/run/crio',
  crioRunRoot: '/run/containers/storage',
});

/** Roles of `overrides` the user actually set (a non-empty value): the plugins' `ctx.givenRoots`. */
export function givenRoles(overrides: Readonly<Record<string, string | undefined>> = {}): string[] {
  return Object.entries(overrides)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([role]) => role);
}

/** The defaults with the user's overrides applied (an empty override keeps the default). */
export function resolveRoots(
  overrides: Readonly<Record<string, string | undefined>> = {},
): Readonly<Record<string, string>> {
  const roots: Record<string, string> = { ...defaultRoots };
  for (const [role, value] of Object.entries(overrides)) if (value !== undefined && value !== '') roots[role] = value;
  return Object.freeze(roots);
}

/** `'/run/runc:/run/user/0/runc'` → both paths; empty entries are ignored. */
export function splitRootList(value: string | undefined): string[] {
  return (value ?? '').split(':').filter((part) => part !== '');
}
