import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerd, type Containerd } from '../containerd/start-containerd.js';
import { missingEngineTools } from '../host/tools.js';
import { busyboxImage, dockerFamiliarName, ociImageArchive } from '../oci/index.js';
import { busyWorkload } from '../workloads/workloads.js';
import { startDockerd, type Dockerd } from './start-dockerd.js';

describe('dockerd 20.10 on its own containerd', () => {
  let containerd: Containerd;
  let dockerd: Dockerd;
  const image = busyboxImage();

  beforeAll(async () => {
    expect(missingEngineTools('containerd', 'docker', 'busybox')).toBe('');
    containerd = await startContainerd();
    dockerd = await startDockerd({ containerd });
    await dockerd.load(image);
  });
  afterAll(() => containerd?.stop());

  it('loads the same archive ctr imports, with gzip or plain layers, as the image whose id is the config digest', async () => {
    for (const compression of ['gzip', 'none'] as const) {
      const variant = { ...busyboxImage({ reference: `docker.io/katamon/${compression}:1` }), compression };
      await dockerd.load(variant);
      const id = (await dockerd.docker(['image', 'inspect', '--format', '{{.Id}}', `katamon/${compression}:1`])).stdout;
      expect(id.trim()).toBe((await ociImageArchive(variant)).configDigest);
    }
  });

  it('records name, image and labels in config.v2.json and runc state under <exec-root>/runtime-runc/moby', async () => {
    const name = `web-${containerd.workspace.id}`;
    const c = await dockerd.run({
      name,
      image: dockerFamiliarName(image.reference),
      labels: { app: 'web', 'com.example.tier': 'front' },
      ...busyWorkload(0.2),
      memoryLimit: 64 * 1024 * 1024,
    });
    expect(c.id).toMatch(/^[0-9a-f]{64}$/);
    const state = c.state();
    expect(state.root).toBe(join(dockerd.execRoot, 'runtime-runc/moby'));
    expect(state.bundle).toBe(join(containerd.state, 'io.containerd.runtime.v2.task/moby', c.id));
    const config = JSON.parse(readFileSync(join(dockerd.dataRoot, 'containers', c.id, 'config.v2.json'), 'utf8'));
    expect(config.Name).toBe(`/${name}`);
    expect(config.Config.Image).toBe('katamon/busybox:1');
    expect(config.Config.Labels).toEqual({ app: 'web', 'com.example.tier': 'front' });
    expect(readFileSync(join(state.cgroupPaths['cpu']!, 'cpu.cfs_quota_us'), 'utf8').trim()).toBe('20000');
    expect(readFileSync(join(state.cgroupPaths['memory']!, 'memory.limit_in_bytes'), 'utf8').trim()).toBe(
      String(64 * 1024 * 1024),
    );

    const stats = await dockerd.stats();
    const line = stats.find((s) => s.Name === name);
    expect(line?.ID).toBe(c.id.slice(0, 12));
    expect(line?.CPUPerc).toMatch(/^\d+\.\d+%$/);
    expect(line?.MemUsage).toMatch(/ \/ 64MiB$/);
    await c.remove();
    expect(existsSync(join(c.runtimeRoot, c.id))).toBe(false);
  });
});
