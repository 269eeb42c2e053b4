import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerd } from '../containerd/start-containerd.js';
import { startDockerd } from '../docker/start-dockerd.js';
import { runCommand } from '../host/run-command.js';
import { DOCKER_CLI, missingEngineTools } from '../host/tools.js';
import { busyboxImage, dockerFamiliarName } from '../oci/index.js';
import { createPodman } from '../podman/podman.js';

// What the defaults tests take over, minus /run/docker: every dockerd, whatever its exec-root, makes
// /run/docker/plugins, so another suite's dockerd may create it meanwhile.
const CONTAINERD_DOCKER = [
  '/var/lib/containerd',
  '/run/containerd/containerd.sock',
  '/var/lib/docker',
  '/run/docker.sock',
];
const PODMAN = ['/var/lib/containers/storage', '/run/containers/storage', '/run/libpod'];

/** What is at each path now: absent, or its entries. */
function snapshot(paths: readonly string[]): Record<string, string[] | null> {
  const listing = (path: string) => {
    if (!existsSync(path)) return null;
    try {
      return readdirSync(path).sort();
    } catch {
      return []; // a socket or a file
    }
  };
  return Object.fromEntries(paths.map((path) => [path, listing(path)]));
}

describe('engines on their default paths', () => {
  const image = busyboxImage();

  it('containerd and dockerd serve the default sockets and dirs, then put back what was there', async () => {
    expect(missingEngineTools('containerd', 'docker', 'busybox')).toBe('');
    const before = snapshot(CONTAINERD_DOCKER);
    const containerd = await startContainerd({ defaults: true });
    try {
      // Default discovery: no --address, no -H.
      expect((await runCommand(['ctr', 'version'])).code).toBe(0);
      await containerd.importImage(image);
      const c = await containerd.run({ image: image.reference });
      expect(c.state().bundle).toBe(`/run/containerd/io.containerd.runtime.v2.task/${containerd.namespace}/${c.id}`);

      const dockerd = await startDockerd({ containerd, defaults: true });
      const env = { ...process.env, DOCKER_HOST: '', DOCKER_CONFIG: containerd.workspace.subdir('cli') };
      expect((await runCommand([DOCKER_CLI, 'info', '--format', '{{.DockerRootDir}}'], { env })).stdout.trim()).toBe(
        '/var/lib/docker',
      );
      await dockerd.load(image);
      const d = await dockerd.run({
        image: dockerFamiliarName(image.reference),
        name: `web-${containerd.workspace.id}`,
      });
      expect(d.state().root).toBe('/run/docker/runtime-runc/moby');
      const config = JSON.parse(readFileSync(`/var/lib/docker/containers/${d.id}/config.v2.json`, 'utf8'));
      expect(config.Name).toBe(`/web-${containerd.workspace.id}`);
    } finally {
      await containerd.stop();
    }
    expect(snapshot(CONTAINERD_DOCKER)).toEqual(before);
  });

  it('podman uses the default storage, then puts back what was there', async () => {
    expect(missingEngineTools('podman', 'busybox')).toBe('');
    const before = snapshot(PODMAN);
    const podman = await createPodman({ defaults: true });
    try {
      await podman.load(image);
      const p = await podman.run({ image: image.reference });
      const storage = '/var/lib/containers/storage/overlay-containers';
      expect(p.state().bundle).toBe(join(storage, p.id, 'userdata'));
      const containers = JSON.parse(readFileSync(join(storage, 'containers.json'), 'utf8'));
      expect(containers.map((e: { id: string }) => e.id)).toContain(p.id);
    } finally {
      await podman.stop();
    }
    expect(snapshot(PODMAN)).toEqual(before);
  }, 240_000);
});
