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
});

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
