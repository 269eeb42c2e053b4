/**
 * The engines katamon finds on its own. The set is closed for first-party code (engine-specific rules switch
 * on it); a plugin's resolver may name another engine, which is then shown and filtered as it is.
 */
export const ENGINE_NAMES = ['runc', 'crun', 'containerd', 'docker', 'podman', 'cri-o', 'kata'] as const;
export type KnownEngine = (typeof ENGINE_NAMES)[number];
/** A known engine, or a plugin's own engine name. */
export type EngineName = KnownEngine | (string & Record<never, never>);

/** What a container is to Kubernetes, from the annotations the CRI implementation wrote. */
export type PodContainerType = 'sandbox' | 'container';

export interface PodIdentity {
  /** Pod name. */
  name?: string;
  /** Pod namespace. */
  namespace?: string;
  /** Pod uid. */
  uid?: string;
  /** The Kubernetes container name (absent for the sandbox). */
  container?: string;
  /** `sandbox`: the pod's own (pause) container, which holds its namespaces; `container`: an app container. */
  type?: PodContainerType;
  /** Id of the pod's sandbox container (equal to the container's own id for the sandbox). */
  sandboxId?: string;
}

/**
 * Who a container is to its users, read from the engine's own files (all untrusted: every value is bounded by
 * {@link IDENTITY_LIMITS} and a file that could not be read is an issue, never a missing container).
 */
export interface ContainerIdentity {
  engine: EngineName;
  /** The engine's namespace: containerd's (`k8s.io`, `moby`, `default`, …); absent for engines without one. */
  namespace?: string;
  /** The name the engine's own CLI shows (`docker ps`, `podman ps`, `crictl ps`, nerdctl); runc's id is its name. */
  name?: string;
  /** Other names the container answers to, e.g. CRI-O's `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`. */
  aliases?: readonly string[];
  /** Image reference as the user gave it (`nginx:1.25`, `docker.io/library/nginx:1.25`). */
  image?: string;
  /** The user's labels (Docker's `--label`, CRI-O's labels, other engines' non-internal OCI annotations). */
  labels?: Readonly<Record<string, string>>;
  pod?: PodIdentity;
  /** Identity files that could not be read or held out-of-bounds values: one line each, naming the file. */
  issues?: readonly string[];
}

/** Bounds on identity values: names and labels come from files users (and containers' images) control. */
export const IDENTITY_LIMITS = Object.freeze({
  /** Longest name, image, namespace or label value kept, in UTF-16 code units. */
  valueLength: 4096,
  /** Longest label key kept. */
  keyLength: 1024,
  /** Labels kept per container (after that, the rest are left out with one issue). */
  labels: 256,
  /** Aliases kept per container. */
  aliases: 8,
});
