import { setOwn } from './set-own.js';
import type { ContainerIdentity, PodIdentity } from '../model/container-identity.js';

/** The part of an identity OCI annotations carry (engine and namespace come from where the state was found). */
export type AnnotationIdentity = Pick<ContainerIdentity, 'name' | 'aliases' | 'image' | 'labels' | 'pod'> & {
  issues?: string[];
};

/** containerd's CRI plugin (`io.kubernetes.cri.*`); Kata's agent reads the same keys. */
const CRI = {
  type: 'io.kubernetes.cri.container-type',
  sandboxId: 'io.kubernetes.cri.sandbox-id',
  pod: 'io.kubernetes.cri.sandbox-name',
  namespace: 'io.kubernetes.cri.sandbox-namespace',
  uid: 'io.kubernetes.cri.sandbox-uid',
  container: 'io.kubernetes.cri.container-name',
  image: 'io.kubernetes.cri.image-name',
} as const;

/** CRI-O (`io.kubernetes.cri-o.*` and the kubelet's `io.kubernetes.pod.*` keys it copies). */
const CRIO = {
  type: 'io.kubernetes.cri-o.ContainerType',
  sandboxId: 'io.kubernetes.cri-o.SandboxID',
  pod: 'io.kubernetes.pod.name',
  namespace: 'io.kubernetes.pod.namespace',
  uid: 'io.kubernetes.pod.uid',
  container: 'io.kubernetes.container.name',
  image: 'io.kubernetes.cri-o.ImageName',
  /** CRI-O's own container name, `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`: cAdvisor's `name`. */
  name: 'io.kubernetes.cri-o.Name',
  /** The container's labels, as a JSON object. */
  labels: 'io.kubernetes.cri-o.Labels',
} as const;

/** nerdctl copies its labels into the OCI annotations; `nerdctl/name` is the name `nerdctl ps` shows. */
const NERDCTL_NAME = 'nerdctl/name';

/** Annotations engines write for themselves; the rest are the user's (`ctr run --annotation`, podman's). */
const INTERNAL_PREFIXES = [
  'io.kubernetes.',
  'io.katacontainers.',
  'io.containerd.',
  'io.podman.annotations.',
  'io.container.manager',
  'nerdctl/',
  'org.opencontainers.image.stopSignal',
];

/** Whether an OCI annotation is one an engine wrote for itself (not a user label). */
export function isInternalAnnotation(key: string): boolean {
  return INTERNAL_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Whether the annotations are CRI-O's (podman writes some `io.kubernetes.cri-o.*` keys too, but never these). */
export function hasCrioAnnotations(annotations: Readonly<Record<string, string>>): boolean {
  return annotations[CRIO.type] !== undefined || annotations[CRIO.sandboxId] !== undefined;
}

function podFrom(a: Readonly<Record<string, string>>, keys: typeof CRI | typeof CRIO): PodIdentity | undefined {
  const pod: PodIdentity = {};
  const set = (field: Exclude<keyof PodIdentity, 'type'>, key: string) => {
    const v = a[key];
    if (v !== undefined && v !== '') pod[field] = v;
  };
  const type = a[keys.type];
  if (type === 'sandbox' || type === 'container') pod.type = type;
  set('sandboxId', keys.sandboxId);
  set('name', keys.pod);
  set('namespace', keys.namespace);
  set('uid', keys.uid);
  // CRI-O (like dockershim) names the sandbox's container "POD": it is no Kubernetes container.
  if (pod.type !== 'sandbox') set('container', keys.container);
  return Object.keys(pod).length > 0 ? pod : undefined;
}

function crioLabels(text: string | undefined, issues: string[]): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') setOwn(out, k, v);
      return out;
    }
  } catch {
    // reported below
  }
  issues.push(`annotation ${CRIO.labels} is not a JSON object of strings: labels left out`);
  return undefined;
}

/**
 * Name, image, pod and labels from a container's OCI annotations (runc's state `config.labels`, or the bundle's
 * config.json): the CRI's Kubernetes identity (containerd's keys first, then CRI-O's), nerdctl's name.
 * Pure; the caller bounds the values ({@link boundIdentity}).
 */
export function identityFromAnnotations(annotations: Readonly<Record<string, string>>): AnnotationIdentity {
  const out: AnnotationIdentity = {};
  const issues: string[] = [];
  const crio = annotations[CRI.type] === undefined && (hasCrioAnnotations(annotations) || !!annotations[CRIO.pod]);
  const keys = crio ? CRIO : CRI;
  const pod = podFrom(annotations, keys);
  if (pod !== undefined) out.pod = pod;
  const image = annotations[keys.image];
  if (image) out.image = image;
  const name = annotations[NERDCTL_NAME] || (pod?.type === 'sandbox' ? pod.name : pod?.container);
  if (name) out.name = name;
  const crioName = annotations[CRIO.name];
  if (crio && crioName) out.aliases = [crioName];
  const labels = crio ? crioLabels(annotations[CRIO.labels], issues) : userAnnotations(annotations);
  if (labels !== undefined && Object.keys(labels).length > 0) out.labels = labels;
  if (issues.length > 0) out.issues = issues;
  return out;
}

function userAnnotations(annotations: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) if (!isInternalAnnotation(k)) setOwn(out, k, v);
  return out;
}
