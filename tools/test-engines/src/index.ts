export type { Engine, EngineContainer, RunOptions, CpuLimit } from './engine-container.js';
export type { Workspace } from './workspace/workspace.js';
export { createWorkspace, randomId } from './workspace/workspace.js';
export type { DefaultPaths } from './workspace/default-paths.js';
export type { ImageSource } from './workspace/image-archive.js';
export type { Containerd, ContainerdOptions } from './containerd/start-containerd.js';
export { startContainerd, CONTAINERD_RUNC_ROOT } from './containerd/start-containerd.js';
export type { Dockerd, DockerdOptions, DockerStatsLine } from './docker/start-dockerd.js';
export { startDockerd } from './docker/start-dockerd.js';
export type { Podman, PodmanOptions } from './podman/podman.js';
export { createPodman, PODMAN_ULIMITS } from './podman/podman.js';
export type { CriClient } from './cri/cri-client.js';
export { connectCri } from './cri/cri-client.js';
export type * as Cri from './cri/cri-types.js';
export type { CriPod, PodSpec, PodContainerSpec } from './cri/run-pod.js';
export { runPod, criClient, importCriImage, CRI_NAMESPACE } from './cri/run-pod.js';
export type { Workload } from './workloads/workloads.js';
export { idleWorkload, busyWorkload, memoryWorkload, oomWorkload, triggerOom } from './workloads/workloads.js';
export type { RuncState } from './host/runc-state.js';
export { readRuncState, listRuncStates } from './host/runc-state.js';
export type { CommandResult } from './host/run-command.js';
export { runCommand, runChecked } from './host/run-command.js';
export { waitFor } from './host/wait-for.js';
export { missingEngineTools, DOCKER_CLI, ENGINE_TOOLS } from './host/tools.js';
export type { EngineName } from './host/tools.js';
export { cgroupExists, removeCgroup } from './host/cgroups.js';
export { mountsUnder } from './host/mounts.js';
export { processAlive, processesMentioning } from './host/processes.js';
export type { OciImage, OciLayerEntry, OciArchive } from './oci/index.js';
export {
  busyboxImage,
  pauseImage,
  ociImageArchive,
  writeOciImageArchive,
  dockerFamiliarName,
  PAUSE_IMAGE_REFERENCE,
} from './oci/index.js';
