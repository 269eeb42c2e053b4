export type HostCgroupMode = 'legacy' | 'hybrid' | 'unified' | 'none';
export type SuiteRoute = 'host' | 'vm';
export interface CgroupSuiteRoutes {
  /** The v1 suites (cgroup-v1's *.int.spec.ts): the host's v1 hierarchies, or the hybrid VM. */
  v1: SuiteRoute;
  /** The suites that need v2 controllers: the host's unified hierarchy, or the v2 VM. */
  v2: SuiteRoute;
}
export declare function hostCgroupMode(mountinfo: string): HostCgroupMode;
export declare function routeCgroupSuites(
  mode: HostCgroupMode,
  env?: Record<string, string | undefined>,
): CgroupSuiteRoutes;
export declare function hostCgroupRoutes(env?: Record<string, string | undefined>): CgroupSuiteRoutes;
