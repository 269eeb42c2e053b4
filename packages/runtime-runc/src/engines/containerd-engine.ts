import { boundIdentity, identityFromAnnotations, type HostProbeReport } from '@katamon/core';
import { idSubdirectories } from '@katamon/sysfs';
import type { StateRoot } from '../state-root.js';
import type { EngineProfile, StateFacts } from './engine-profile.js';
import { dockerProfile } from './docker-engine.js';
import { probed } from './probe-paths.js';

/** containerd's runc shim keeps state in `<this>/<namespace>/<id>`, whatever containerd's own `--state` is. */
export const CONTAINERD_RUNC_ROOT = '/run/containerd/runc';
/** containerd's `--state` (bundles in `io.containerd.runtime.v2.task/<namespace>/<id>`). */
export const CONTAINERD_STATE = '/run/containerd';

/**
 * containerd (ctr, nerdctl, the CRI plugin): the engine namespace is the root's; name and Kubernetes identity
 * come from the OCI annotations runc recorded (nerdctl's name, the CRI's pod keys), else the id is the name.
 * The image of a container made without the CRI is only in containerd's metadata database, not read here.
 */
export const containerdProfile: EngineProfile = {
  engine: 'containerd',
  claims: () => true,
  identify: (facts: StateFacts) => {
    const found = identityFromAnnotations(facts.annotations);
    return boundIdentity(
      { ...found, engine: 'containerd', namespace: facts.root.namespace, name: found.name ?? facts.id },
      'containerd',
      `${facts.stateDir} labels`,
    );
  },
};

/**
 * One state root per containerd namespace, found again at each lookup (namespaces appear with their first
 * container). In `moby`, Docker's containers (those with a config in Docker's data root) are Docker's.
 */
export function containerdRoots(runcRoot: string, dockerDataRoot?: string): () => StateRoot[] {
  const docker = dockerDataRoot === undefined ? undefined : dockerProfile(dockerDataRoot, false);
  return () =>
    idSubdirectories(runcRoot).map((namespace) => ({
      path: `${runcRoot}/${namespace}`,
      runtime: 'runc',
      namespace,
      engines: namespace === 'moby' && docker !== undefined ? [docker, containerdProfile] : [containerdProfile],
    }));
}

export function probeContainerd(runcRoot: string, given: boolean): HostProbeReport {
  const root = probed('runc state root (one directory per namespace)', runcRoot);
  const names = root.found ? idSubdirectories(runcRoot) : [];
  const detail = root.found
    ? `namespaces: ${names.length > 0 ? names.join(', ') : 'none yet'}`
    : given
      ? `containerd root given: ${runcRoot} (absent for now)`
      : `no ${runcRoot} (containerd has run no runc container here)`;
  return { engine: 'containerd', found: root.found || given, detail, paths: [root] };
}
