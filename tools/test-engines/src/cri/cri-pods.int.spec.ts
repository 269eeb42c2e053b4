import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerd, type Containerd } from '../containerd/start-containerd.js';
import { cgroupExists } from '../host/cgroups.js';
import { missingEngineTools } from '../host/tools.js';
import { waitFor } from '../host/wait-for.js';
import { busyboxImage } from '../oci/index.js';
import { busyWorkload, idleWorkload } from '../workloads/workloads.js';
import { CRI_NAMESPACE, criClient, importCriImage, runPod, type CriPod } from './run-pod.js';

describe('CRI pods on containerd 1.6', () => {
  let containerd: Containerd;
  const pods: CriPod[] = [];
  const image = busyboxImage();

  beforeAll(async () => {
    expect(missingEngineTools('containerd', 'busybox')).toBe('');
    containerd = await startContainerd({ cri: true });
    await importCriImage(containerd, image);
    for (const namespace of ['shop', 'billing']) {
      pods.push(
        await runPod(containerd, {
          namespace: `${namespace}-${containerd.workspace.id}`,
          name: `web-${namespace}`,
          containers: [
            { name: 'app', image: image.reference, ...busyWorkload(0.2), memoryLimit: 64 << 20 },
            { name: 'sidecar', image: image.reference, ...idleWorkload() },
          ],
        }),
      );
    }
  });
  afterAll(() => containerd?.stop());

  it('answers Version as containerd on runtime.v1', async () => {
    const version = await criClient(containerd).call('Version', { version: 'v1' });
    expect(version.runtime_name).toBe('containerd');
    expect(version.runtime_api_version).toBe('v1');
  });

  it('labels sandbox and containers in runc state with io.kubernetes.cri.* and the bundle', () => {
    for (const pod of pods) {
      const sandbox = pod.sandbox.state();
      expect(sandbox.root).toBe(`/run/containerd/runc/${CRI_NAMESPACE}`);
      expect(sandbox.labels.get('io.kubernetes.cri.container-type')).toBe('sandbox');
      expect(sandbox.labels.get('io.kubernetes.cri.sandbox-name')).toBe(pod.name);
      expect(sandbox.labels.get('io.kubernetes.cri.sandbox-namespace')).toBe(pod.namespace);
      expect(sandbox.labels.get('io.kubernetes.cri.sandbox-uid')).toBe(pod.uid);
      expect(sandbox.labels.get('io.kubernetes.cri.sandbox-log-directory')).toContain(pod.uid);
      for (const [i, name] of ['app', 'sidecar'].entries()) {
        const c = pod.containers[i]!;
        const state = c.state();
        expect(c.name).toBe(name);
        expect(Object.fromEntries(state.labels)).toMatchObject({
          'io.kubernetes.cri.container-type': 'container',
          'io.kubernetes.cri.container-name': name,
          'io.kubernetes.cri.sandbox-id': pod.sandboxId,
          'io.kubernetes.cri.sandbox-name': pod.name,
          'io.kubernetes.cri.sandbox-namespace': pod.namespace,
          'io.kubernetes.cri.sandbox-uid': pod.uid,
          'io.kubernetes.cri.image-name': image.reference,
        });
        const bundle = join(containerd.state, 'io.containerd.runtime.v2.task', CRI_NAMESPACE, c.id);
        expect(state.bundle).toBe(bundle);
        const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
        expect(spec.annotations['io.kubernetes.cri.sandbox-uid']).toBe(pod.uid);
      }
    }
  });

  it('puts every container cgroup under the cgroup_parent given', () => {
    for (const pod of pods) {
      for (const c of [pod.sandbox, ...pod.containers]) {
        const paths = c.state().cgroupPaths;
        expect(paths['memory']).toBe(`/sys/fs/cgroup/memory${pod.cgroupParent}/${c.id}`);
        expect(paths['']).toBe(`/sys/fs/cgroup/unified${pod.cgroupParent}/${c.id}`);
      }
      const app = pod.containers[0]!.state().cgroupPaths;
      expect(readFileSync(join(app['cpu']!, 'cpu.cfs_quota_us'), 'utf8').trim()).toBe('20000');
      expect(readFileSync(join(app['memory']!, 'memory.limit_in_bytes'), 'utf8').trim()).toBe(String(64 << 20));
    }
  });

  it('answers ListContainerStats and ListPodSandboxStats for those containers', async () => {
    const cri = criClient(containerd);
    const app = pods[0]!.containers[0]!;
    // usage_core_nano_seconds is cumulative: wait until the busy container has used some CPU.
    const stats = await waitFor('CPU usage of the busy container', async () => {
      const { stats } = await cri.call('ListContainerStats', { filter: { pod_sandbox_id: pods[0]!.sandboxId } });
      const mine = stats.find((s) => s.attributes.id === app.id);
      return mine && BigInt(mine.cpu?.usage_core_nano_seconds?.value ?? '0') > 0n ? stats : undefined;
    });
    expect(stats.map((s) => s.attributes.metadata.name).sort()).toEqual(['app', 'sidecar']);
    const { stats: podStats } = await cri.call('ListPodSandboxStats', { filter: { id: pods[1]!.sandboxId } });
    expect(podStats).toHaveLength(1);
    expect(podStats[0]!.attributes.metadata.namespace).toBe(pods[1]!.namespace);
    expect(podStats[0]!.linux?.containers.map((c) => c.attributes.metadata.name).sort()).toEqual(['app', 'sidecar']);
  });

  it('removes a pod with its containers and its cgroup', async () => {
    const pod = pods.pop()!;
    await pod.remove();
    for (const c of [pod.sandbox, ...pod.containers]) expect(existsSync(join(c.runtimeRoot, c.id))).toBe(false);
    expect(cgroupExists(pod.cgroupParent)).toBe(false);
    const { items } = await criClient(containerd).call('ListPodSandbox', { filter: { id: pod.sandboxId } });
    expect(items).toEqual([]);
  });
});
