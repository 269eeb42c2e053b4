import type { ContainerIdentity } from '../model/container-identity.js';

/** Lifecycle state as runc reports it (Kata's `ready` maps to `created`). */
export type ContainerStatus = 'created' | 'running' | 'paused' | 'stopped' | 'unknown';

/** Whether a container can still be sampled: any state but `stopped` (what listings and `--all` follow). */
export function isLive(ref: { status: ContainerStatus }): boolean {
  return ref.status !== 'stopped';
}

/** cgroup v1: one directory per controller (keys are kernel controller names: cpu, cpuacct, memory, …). */
export interface CgroupV1Paths {
  version: 1;
  /** Absolute directories, keyed by controller name. */
  paths: Readonly<Record<string, string>>;
}

/** cgroup v2: one directory in the unified hierarchy. */
export interface CgroupV2Path {
  version: 2;
  /** Absolute directory. */
  path: string;
}

export type CgroupPaths = CgroupV1Paths | CgroupV2Path;

export interface KataSandboxRef {
  id: string;
  /** `vsock://cid:port`, `hvsock:///path:port`, `unix:///path`, … */
  agentUrl?: string;
  /** The sandbox's host-side network namespace (`/run/netns/cni-…`). */
  netnsPath?: string;
  /** Directory of the sandbox state (persist.json). */
  stateDir?: string;
}

/** Everything the sources need to know about one container; produced by a {@link ContainerResolver}. */
export interface ContainerRef {
  /** Full container id. */
  id: string;
  /** `runc`, `crun`, `kata`, or a plugin's runtime name. */
  runtime: string;
  /** Name of the resolver that produced this ref (used to refresh it). */
  resolver: string;
  status: ContainerStatus;
  /** Init process pid on the host (absent for Kata containers: it lives in the VM). */
  pid?: number;
  /** Container creation time, ISO 8601, when known. */
  created?: string;
  cgroup?: CgroupPaths;
  /** Network namespace: a path (`/proc/<pid>/ns/net`, `/run/netns/<name>`). */
  netnsPath?: string;
  sandbox?: KataSandboxRef;
  /** Who the container is to its users (engine, name, image, labels, pod); see {@link ContainerIdentity}. */
  identity?: ContainerIdentity;
  /** Resolver bookkeeping worth showing (state root and file, bundle path, read errors); not the user's labels. */
  labels?: Readonly<Record<string, string>>;
}
