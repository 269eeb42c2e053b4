// Where the cgroup suites run on this host. A host boots cgroup v1 (legacy), v1 beside an empty cgroup2
// (hybrid) or cgroup v2 alone (unified, every current distribution). Suites that need a hierarchy with its
// controllers run on the host when it has that hierarchy, else in the cgroup VM (tools/cgroup-vm), whose
// kernel mounts either one: both versions are always tested, whatever the host boots.
import { readFileSync } from 'node:fs';

/** The host's cgroup mode, from /proc/self/mountinfo text: which filesystem types are mounted. */
export function hostCgroupMode(mountinfo) {
  const types = new Set(
    mountinfo
      .split('\n')
      .map((line) => line.split(' - ')[1]?.split(' ')[0])
      .filter(Boolean),
  );
  const v1 = types.has('cgroup');
  const v2 = types.has('cgroup2');
  return v1 && v2 ? 'hybrid' : v1 ? 'legacy' : v2 ? 'unified' : 'none';
}

/**
 * Host cgroup mode → where each version's suites run. KATAMON_CGROUP_V1=vm|host overrides the v1 route
 * (vm: run the v1 suites only in the VM, as on a v2-only host; host: insist, and fail loudly without v1).
 */
export function routeCgroupSuites(mode, env = {}) {
  const forced = env.KATAMON_CGROUP_V1;
  if (forced !== undefined && forced !== '' && forced !== 'vm' && forced !== 'host') {
    throw new Error(`KATAMON_CGROUP_V1 must be vm or host, not ${JSON.stringify(forced)}`);
  }
  const v1 = forced || (mode === 'legacy' || mode === 'hybrid' ? 'host' : 'vm');
  return { v1, v2: mode === 'unified' ? 'host' : 'vm' };
}

/** The routes of the machine running this process. */
export function hostCgroupRoutes(env = process.env) {
  return routeCgroupSuites(hostCgroupMode(readFileSync('/proc/self/mountinfo', 'utf8')), env);
}
