import { boundIdentity, identityFromAnnotations, type ContainerIdentity } from '@katamon/core';
import { idSubdirectories, readBundleAnnotations } from '@katamon/sysfs';

/** containerd's `--state` default; Kata's shim v2 bundles are `<state>/io.containerd.runtime.v2.task/<ns>/<id>`. */
export const DEFAULT_CONTAINERD_STATE = '/run/containerd';
const TASK_DIR = 'io.containerd.runtime.v2.task';
const MAX_CACHED = 16_384;

/**
 * Who Kata containers are: under containerd (the `io.containerd.kata.v2` shim) each has an OCI bundle in
 * containerd's task directory, whose annotations carry the CRI's Kubernetes identity (the agent reads the same
 * keys) and nerdctl's name; the namespace is the bundle's. Without a bundle the id is the name. Read once per
 * container (bundles do not change during its life).
 */
export class KataIdentities {
  private readonly cache = new Map<string, ContainerIdentity>();
  private readonly taskRoot: string | undefined;

  constructor(containerdState: string | undefined = DEFAULT_CONTAINERD_STATE) {
    this.taskRoot = containerdState === undefined ? undefined : `${containerdState}/${TASK_DIR}`;
  }

  identify(id: string, sandboxId: string): ContainerIdentity {
    const key = `${sandboxId}/${id}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const identity = this.read(id);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, identity);
    return identity;
  }

  private read(id: string): ContainerIdentity {
    const issues: string[] = [];
    for (const namespace of this.taskRoot === undefined ? [] : idSubdirectories(this.taskRoot)) {
      const bundle = readBundleAnnotations(this.taskRoot as string, `${namespace}/${id}`);
      if (bundle.issue !== undefined) issues.push(bundle.issue);
      if (!bundle.found) continue;
      const found = identityFromAnnotations(bundle.annotations);
      return boundIdentity(
        { ...found, engine: 'kata', namespace, name: found.name ?? id, issues: [...(found.issues ?? []), ...issues] },
        'kata',
      );
    }
    return boundIdentity({ engine: 'kata', name: id, issues }, 'kata');
  }
}
