import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingEngineTools } from '../host/tools.js';
import { waitFor } from '../host/wait-for.js';
import { busyboxImage } from '../oci/index.js';
import { busyWorkload, idleWorkload, memoryWorkload, oomWorkload, triggerOom } from '../workloads/workloads.js';
import { startContainerd, type Containerd } from './start-containerd.js';

const cgroupFile = (dir: string | undefined, file: string) => readFileSync(join(dir!, file), 'utf8');
const statField = (text: string, key: string) => Number(text.match(new RegExp(`^${key} (\\d+)$`, 'm'))?.[1]);

describe('containerd (own root, state, socket) and the workloads', () => {
  let containerd: Containerd;
  const image = busyboxImage();

  beforeAll(async () => {
    expect(missingEngineTools('containerd', 'busybox')).toBe('');
    containerd = await startContainerd();
    await containerd.importImage(image);
  });
  afterAll(() => containerd?.stop());

  it('puts runc state in /run/containerd/runc/<namespace>/<id> with the annotations and bundle= as labels', async () => {
    const c = await containerd.run({
      image: image.reference,
      annotations: { 'io.katamon.test': 'yes' },
      labels: { app: 'web' },
      ...idleWorkload(),
    });
    const state = c.state();
    expect(state.root).toBe(`/run/containerd/runc/${containerd.namespace}`);
    expect(state.labels.get('io.katamon.test')).toBe('yes');
    expect(state.labels.get('app')).toBe('web'); // ctr 1.6 puts its --label into the spec annotations too
    const bundle = join(containerd.state, 'io.containerd.runtime.v2.task', containerd.namespace, c.id);
    expect(state.bundle).toBe(bundle);
    const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
    expect(spec.annotations).toMatchObject({ 'io.katamon.test': 'yes', app: 'web' });
    expect(state.cgroupPaths['memory']).toBe(`/sys/fs/cgroup/memory/${containerd.namespace}/${c.id}`);
    const info = JSON.parse((await containerd.ctr(['containers', 'info', c.id])).stdout);
    expect(info.Labels).toMatchObject({ app: 'web' });
    await c.remove();
    expect(existsSync(join(c.runtimeRoot, c.id))).toBe(false);
  });

  it('throttles the busy workload at its CFS quota', async () => {
    const c = await containerd.run({ image: image.reference, ...busyWorkload(0.2) });
    const cpu = c.state().cgroupPaths['cpu'];
    expect(cgroupFile(cpu, 'cpu.cfs_quota_us').trim()).toBe('20000');
    await waitFor('a throttled period', () => statField(cgroupFile(cpu, 'cpu.stat'), 'nr_throttled') > 0);
    await c.remove();
  });

  it('keeps the memory workload resident', async () => {
    const c = await containerd.run({ image: image.reference, ...memoryWorkload(16) });
    const memory = c.state().cgroupPaths['memory'];
    await waitFor('16 MiB of rss', () => statField(cgroupFile(memory, 'memory.stat'), 'total_rss') >= 16 << 20);
    await c.remove();
  });

  it('OOM-kills the oom workload when asked', async () => {
    const c = await containerd.run({ image: image.reference, ...oomWorkload(32) });
    const memory = c.state().cgroupPaths['memory'];
    expect(cgroupFile(memory, 'memory.limit_in_bytes').trim()).toBe(String(32 << 20));
    expect(statField(cgroupFile(memory, 'memory.oom_control'), 'oom_kill')).toBe(0);
    await triggerOom(c);
    await waitFor('the OOM kill', () => statField(cgroupFile(memory, 'memory.oom_control'), 'oom_kill') >= 1);
    await waitFor('the task to stop', async () => (await containerd.ctr(['tasks', 'ls'])).stdout.includes('STOPPED'));
    await c.remove();
  });
});
