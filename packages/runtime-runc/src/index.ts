export { RuncResolver, DEFAULT_RUNC_ROOTS, FULL_ID_LENGTH } from './runc-resolver.js';
export type { RuncResolverOptions } from './runc-resolver.js';
export { resolveRuncContainer } from './resolve-runc-container.js';
export type { ResolveOptions } from './resolve-runc-container.js';
export { readStateFile, listStateIds } from './state-root.js';
export type { StateRoot, StateFile } from './state-root.js';
export { parseRuncState, parseCrunStatus } from './parse-runc-state.js';
export type { RuncState } from './runc-state.js';
export { decideStatus, isPaused } from './decide-status.js';
export type { StatusInputs } from './decide-status.js';
export { parseProcStat, readProcStat } from './proc-stat.js';
export type { ProcStat } from './proc-stat.js';
export { cgroupPathsFromMap, cgroupPathsFromRelative } from './cgroup-paths-of.js';
export type { EngineProfile, StateFacts } from './engines/engine-profile.js';
export { annotationsOf } from './engines/engine-profile.js';
export { runcProfile, crunProfile, plainRuntimeProfile } from './engines/runc-engine.js';
export {
  containerdProfile,
  containerdRoots,
  probeContainerd,
  CONTAINERD_RUNC_ROOT,
  CONTAINERD_STATE,
} from './engines/containerd-engine.js';
export {
  dockerProfile,
  dockerRuncRoot,
  dockerDaemonRoots,
  probeDocker,
  DOCKER_DAEMON_CONFIG,
  DOCKER_EXEC_ROOT,
  DOCKER_DATA_ROOT,
} from './engines/docker-engine.js';
export { podmanProfile, probePodman, PODMAN_STORAGE } from './engines/podman-engine.js';
export { crioProfile, probeCrio, CRIO_RUN, CRIO_RUN_ROOT } from './engines/cri-o-engine.js';
export { IdentityCache } from './identity-cache.js';
export { plugin, stateRootsOf } from './plugin.js';
