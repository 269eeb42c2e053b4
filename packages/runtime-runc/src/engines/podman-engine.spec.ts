import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuncResolver } from '../runc-resolver.js';
import { crioProfile } from './cri-o-engine.js';
import { podmanProfile, probePodman } from './podman-engine.js';
import { runcProfile } from './runc-engine.js';
import { PODMAN_ID, fixtureTree, type FixtureTree } from './fixture-tree.fixture.js';

describe('Podman engine over the state Podman 4.3 (with runc) wrote', () => {
  let tree: FixtureTree;
  let storage: string;
  const resolver = () =>
    new RuncResolver({
      roots: [
        {
          path: join(tree.dir, 'run', 'runc'),
          runtime: 'runc',
          engines: [podmanProfile(storage), crioProfile(join(tree.dir, 'crio')), runcProfile],
        },
      ],
    });
  beforeEach(async () => {
    tree = await fixtureTree('podman');
    storage = join(tree.dir, 'storage');
  });
  afterEach(() => tree.cleanup());

  it('claims the container in the plain runc root and names it from containers.json', async () => {
    const [ref] = await resolver().list();
    expect(ref).toMatchObject({ id: PODMAN_ID, runtime: 'runc', resolver: 'runc', status: 'running' });
    expect(ref?.identity).toEqual({ engine: 'podman', name: 'kmeng-web', image: 'localhost/local/busybox:1' });
  });

  it('falls back to the image’s own name in images.json', async () => {
    const file = join(storage, 'overlay-containers', 'containers.json');
    const records = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
    delete records[0]?.['metadata'];
    await writeFile(file, JSON.stringify(records));
    const [ref] = await resolver().list();
    expect(ref?.identity?.image).toBe('localhost/local/busybox:1');
  });

  it('keeps the container, with an issue, when the store is broken', async () => {
    const file = join(storage, 'overlay-containers', 'containers.json');
    await writeFile(file, '[{"id": "');
    const [ref] = await new RuncResolver({
      roots: [{ path: join(tree.dir, 'run', 'runc'), runtime: 'runc', engines: [podmanProfile(storage), runcProfile] }],
    }).list();
    expect(ref?.identity).toMatchObject({ engine: 'podman' });
    expect(ref?.identity?.issues?.[0]).toMatch(/containers.json is not JSON/);
  });

  it('probes the store', () => {
    expect(probePodman(storage, false)).toMatchObject({ engine: 'podman', found: true });
    expect(probePodman(join(tree.dir, 'none'), false)).toMatchObject({ found: false });
  });
});
