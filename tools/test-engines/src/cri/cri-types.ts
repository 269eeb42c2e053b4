/**
 * The CRI messages of cri-runtime.proto as @grpc/proto-loader hands them over (`keepCase`: the API's
 * snake_case names; `longs: String`: int64/uint64 as decimal strings; `enums: String`).
 */

export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET';

export interface LinuxContainerResources {
  cpu_period?: number;
  cpu_quota?: number;
  cpu_shares?: number;
  memory_limit_in_bytes?: number;
  memory_swap_limit_in_bytes?: number;
}

export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt?: number;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname?: string;
  log_directory?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  linux?: {
    cgroup_parent?: string;
    security_context?: { namespace_options?: { network?: NamespaceMode; pid?: NamespaceMode; ipc?: NamespaceMode } };
    resources?: LinuxContainerResources;
  };
}

export interface ContainerConfig {
  metadata: { name: string; attempt?: number };
  image: { image: string };
  command?: string[];
  args?: string[];
  working_dir?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  log_path?: string;
  linux?: { resources?: LinuxContainerResources };
}

export interface UInt64Value {
  value: string;
}

export interface ContainerStats {
  attributes: {
    id: string;
    metadata: { name: string; attempt: number };
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  cpu: { timestamp: string; usage_core_nano_seconds: UInt64Value | null; usage_nano_cores: UInt64Value | null } | null;
  memory: {
    timestamp: string;
    working_set_bytes: UInt64Value | null;
    available_bytes: UInt64Value | null;
    usage_bytes: UInt64Value | null;
    rss_bytes: UInt64Value | null;
    page_faults: UInt64Value | null;
    major_page_faults: UInt64Value | null;
  } | null;
}

export interface PodSandboxStats {
  attributes: { id: string; metadata: PodSandboxMetadata; labels: Record<string, string> };
  linux: {
    cpu: ContainerStats['cpu'];
    memory: ContainerStats['memory'];
    process: { timestamp: string; process_count: UInt64Value | null } | null;
    containers: ContainerStats[];
  } | null;
}

export interface CriPodSandbox {
  id: string;
  metadata: PodSandboxMetadata;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface CriContainer {
  id: string;
  pod_sandbox_id: string;
  metadata: { name: string; attempt: number };
  image: { image: string };
  image_ref: string;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Request → response of every method the harness calls. */
export interface CriMethods {
  Version: [
    { version: string },
    { version: string; runtime_name: string; runtime_version: string; runtime_api_version: string },
  ];
  RunPodSandbox: [{ config: PodSandboxConfig; runtime_handler?: string }, { pod_sandbox_id: string }];
  StopPodSandbox: [{ pod_sandbox_id: string }, object];
  RemovePodSandbox: [{ pod_sandbox_id: string }, object];
  ListPodSandbox: [{ filter?: { id?: string; label_selector?: Record<string, string> } }, { items: CriPodSandbox[] }];
  CreateContainer: [
    { pod_sandbox_id: string; config: ContainerConfig; sandbox_config: PodSandboxConfig },
    { container_id: string },
  ];
  StartContainer: [{ container_id: string }, object];
  StopContainer: [{ container_id: string; timeout: number }, object];
  RemoveContainer: [{ container_id: string }, object];
  ListContainers: [{ filter?: { id?: string; pod_sandbox_id?: string } }, { containers: CriContainer[] }];
  ContainerStats: [{ container_id: string }, { stats: ContainerStats }];
  ListContainerStats: [{ filter?: { id?: string; pod_sandbox_id?: string } }, { stats: ContainerStats[] }];
  ListPodSandboxStats: [{ filter?: { id?: string } }, { stats: PodSandboxStats[] }];
  ImageStatus: [{ image: { image: string } }, { image: { id: string; repo_tags: string[] } | null }];
}
