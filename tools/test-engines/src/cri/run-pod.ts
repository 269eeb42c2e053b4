import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CONTAINERD_RUNC_ROOT, type Containerd } from '../containerd/start-containerd.js';
import { engineContainer, type CpuLimit, type EngineContainer } from '../engine-container.js';
import { removeCgroup } from '../host/cgroups.js';
import { waitFor } from '../host/wait-for.js';
import { pauseImage } from '../oci/busybox-image.js';
import type { OciImage } from '../oci/oci-archive.js';
import { idleWorkload } from '../workloads/workloads.js';
import { connectCri, type CriClient } from './cri-client.js';
import type { ContainerConfig, LinuxContainerResources, PodSandboxConfig } from './cri-types.js';

/** The containerd namespace of everything the CRI service makes (fixed in containerd 1.6). */
export const CRI_NAMESPACE = 'k8s.io';
const RUNTIME_ROOT = join(CONTAINERD_RUNC_ROOT, CRI_NAMESPACE);

export interface PodContainerSpec {
  name: string;
  /** A reference imported with importCriImage (the CRI looks up the normalised name). */
  image: string;
  command?: readonly string[];
  cpu?: CpuLimit;
  memoryLimit?: number;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
}

export interface PodSpec {
  /** The Kubernetes namespace. */
  namespace: string;
  name: string;
  /** Default a random UUID, as the API server assigns. */
  uid?: string;
  /** Default kubelet's for the cgroupfs driver and a Burstable pod: `/kubepods/burstable/pod<uid>`. */
  cgroupParent?: string;
  containers: readonly PodContainerSpec[];
}

export interface CriPod {
  readonly sandboxId: string;
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly cgroupParent: string;
  /** The pause container: it owns the pod's namespaces (its `remove()` removes the pod). */
  readonly sandbox: EngineContainer;
  /** In spec order; `name` is the container's name in the pod. */
  readonly containers: readonly EngineContainer[];
  /** Stop and remove the containers, then the sandbox, as kubelet does; then the pod's cgroup. */
  remove(): Promise<void>;
}

interface CriState {
  client: CriClient;
  pause: Promise<void>;
  pods: Set<CriPod>;
}
const states = new WeakMap<Containerd, CriState>();

/** The CRI client of a containerd started with `cri: true`; closed (after removing its pods) by stop(). */
export function criClient(containerd: Containerd): CriClient {
  return criState(containerd).client;
}

function criState(containerd: Containerd): CriState {
  if (!containerd.cri) throw new Error('this containerd was started without cri: true');
  let state = states.get(containerd);
  if (!state) {
    const created: CriState = { client: connectCri(containerd.address), pause: Promise.resolve(), pods: new Set() };
    created.pause = importCriImage(containerd, pauseImage(), created.client);
    created.pause.catch(() => undefined); // reported by the runPod that awaits it
    containerd.onStop(async () => {
      for (const pod of [...created.pods]) await pod.remove();
      created.client.close();
    });
    states.set(containerd, (state = created));
  }
  return state;
}

/** Imports into the CRI's namespace and waits until the CRI's image cache (fed by events) has it. */
export async function importCriImage(containerd: Containerd, image: OciImage, client = criClient(containerd)) {
  await containerd.importImage(image, CRI_NAMESPACE);
  await waitFor(`the CRI to see ${image.reference}`, async () => {
    const status = await client.call('ImageStatus', { image: { image: image.reference } });
    return status.image !== null && status.image.id !== '';
  });
}

function resources(spec: PodContainerSpec): LinuxContainerResources {
  return {
    ...(spec.cpu ? { cpu_period: spec.cpu.period, cpu_quota: spec.cpu.quota } : {}),
    ...(spec.memoryLimit !== undefined ? { memory_limit_in_bytes: spec.memoryLimit } : {}),
  };
}

/**
 * Runs a pod the way kubelet does on a node with the cgroupfs driver: the sandbox first, in the node's
 * network namespace (no CNI needed; then the hostname must stay empty), with kubelet's labels, then each
 * container with kubelet's labels and its own limits.
 */
export async function runPod(containerd: Containerd, spec: PodSpec): Promise<CriPod> {
  const state = criState(containerd);
  await state.pause;
  const { client } = state;
  const uid = spec.uid ?? randomUUID();
  const cgroupParent = spec.cgroupParent ?? `/kubepods/burstable/pod${uid}`;
  containerd.workspace.record(containerd.scope, { kind: 'cgroup', path: cgroupParent });
  const podLabels = {
    'io.kubernetes.pod.name': spec.name,
    'io.kubernetes.pod.namespace': spec.namespace,
    'io.kubernetes.pod.uid': uid,
  };
  const sandboxConfig: PodSandboxConfig = {
    metadata: { name: spec.name, uid, namespace: spec.namespace, attempt: 0 },
    log_directory: containerd.workspace.subdir('pods', `${spec.namespace}_${spec.name}_${uid}`),
    labels: podLabels,
    annotations: { 'kubernetes.io/config.source': 'api' },
    linux: {
      cgroup_parent: cgroupParent,
      security_context: { namespace_options: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } },
    },
  };
  const { pod_sandbox_id: sandboxId } = await client.call('RunPodSandbox', { config: sandboxConfig });
  const ids: string[] = [];
  const remove = async () => {
    for (const id of ids) {
      await client.call('StopContainer', { container_id: id, timeout: 0 });
      await client.call('RemoveContainer', { container_id: id });
    }
    await client.call('StopPodSandbox', { pod_sandbox_id: sandboxId });
    await client.call('RemovePodSandbox', { pod_sandbox_id: sandboxId });
    state.pods.delete(pod);
    const left = removeCgroup(cgroupParent);
    if (left.length > 0) throw new Error(`pod ${spec.name} cgroup not removed: ${left.join('; ')}`);
  };
  const pod: CriPod = {
    sandboxId,
    uid,
    name: spec.name,
    namespace: spec.namespace,
    cgroupParent,
    sandbox: engineContainer('cri', sandboxId, spec.name, RUNTIME_ROOT, remove),
    containers: [],
    remove,
  };
  state.pods.add(pod);
  for (const c of spec.containers) {
    const config: ContainerConfig = {
      metadata: { name: c.name, attempt: 0 },
      image: { image: c.image },
      command: [...(c.command ?? idleWorkload().command)],
      labels: { ...podLabels, 'io.kubernetes.container.name': c.name, ...c.labels },
      annotations: { 'io.kubernetes.container.restartCount': '0', ...c.annotations },
      log_path: `${c.name}/0.log`,
      linux: { resources: resources(c) },
    };
    const { container_id: id } = await client.call('CreateContainer', {
      pod_sandbox_id: sandboxId,
      config,
      sandbox_config: sandboxConfig,
    });
    ids.push(id);
    await client.call('StartContainer', { container_id: id });
    const removeOne = async () => {
      await client.call('StopContainer', { container_id: id, timeout: 0 });
      await client.call('RemoveContainer', { container_id: id });
      ids.splice(ids.indexOf(id), 1);
    };
    (pod.containers as EngineContainer[]).push(engineContainer('cri', id, c.name, RUNTIME_ROOT, removeOne));
  }
  return pod;
}
