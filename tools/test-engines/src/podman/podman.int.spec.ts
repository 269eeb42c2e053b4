import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingEngineTools } from '../host/tools.js';
import { busyboxImage } from '../oci/index.js';
import { idleWorkload } from '../workloads/workloads.js';
import { createPodman, type Podman } from './podman.js';

describe('podman 4.3 rootful with its own storage', () => {
  let podman: Podman;
  const image = busyboxImage();

  beforeAll(async () => {
    expect(missingEngineTools('podman', 'busybox')).toBe('');
    podman = await createPodman();
    await podman.load(image);
  });
  afterAll(() => podman?.stop());

  it('names the container in containers.json and puts runc state in /run/runc/<id>', async () => {
    const name = `web-${Math.random().toString(36).slice(2, 8)}`;
    const c = await podman.run({
      name,
      image: image.reference,
      labels: { app: 'web' },
      annotations: { 'io.katamon.test': 'yes' },
      ...idleWorkload(),
    });
    const state = c.state();
    expect(state.root).toBe('/run/runc');
    expect(state.labels.get('io.container.manager')).toBe('libpod');
    expect(state.labels.get('io.katamon.test')).toBe('yes');
    expect(state.bundle).toBe(join(podman.root, 'overlay-containers', c.id, 'userdata'));
    const spec = JSON.parse(readFileSync(join(state.bundle, 'config.json'), 'utf8'));
    expect(spec.annotations['io.katamon.test']).toBe('yes');
    const containers = JSON.parse(readFileSync(join(podman.root, 'overlay-containers/containers.json'), 'utf8'));
    const entry = containers.find((e: { id: string }) => e.id === c.id);
    expect(entry.names).toEqual([name]);
    expect(JSON.parse(entry.metadata)['image-name']).toBe(image.reference);
    await c.remove();
    expect(existsSync(join(c.runtimeRoot, c.id))).toBe(false);
  });
});
