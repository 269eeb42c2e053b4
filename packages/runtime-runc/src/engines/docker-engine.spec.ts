import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveContainer } from '@katamon/core';
import { RuncResolver } from '../runc-resolver.js';
import { dockerProfile, dockerRuncRoot, probeDocker } from './docker-engine.js';
import { DOCKER_ID, fixtureTree, type FixtureTree } from './fixture-tree.fixture.js';

describe('Docker engine over the state Docker 20.10 wrote', () => {
  let tree: FixtureTree;
  const resolver = () =>
    new RuncResolver({
      name: 'docker',
      roots: [
        {
          path: dockerRuncRoot(join(tree.dir, 'exec')),
          runtime: 'runc',
          engines: [dockerProfile(join(tree.dir, 'data'))],
        },
      ],
    });
  beforeEach(async () => {
    tree = await fixtureTree('docker');
  });
  afterEach(() => tree.cleanup());
  const config = () => join(tree.dir, 'data', 'containers', DOCKER_ID, 'config.v2.json');

  it('takes name, image and labels from config.v2.json', async () => {
    const [ref] = await resolver().list();
    expect(ref).toMatchObject({ id: DOCKER_ID, runtime: 'runc', resolver: 'docker', status: 'running' });
    expect(ref?.identity).toEqual({
      engine: 'docker',
      name: 'web1',
      image: 'local/busybox:1',
      labels: { app: 'demo', tier: 'front end' },
    });
  });

  it('resolves Docker’s name as `web1` and `/web1`', async () => {
    const r = resolver();
    await expect(resolveContainer([r], 'web1')).resolves.toMatchObject({ id: DOCKER_ID });
    await expect(resolveContainer([r], '/web1')).resolves.toMatchObject({ id: DOCKER_ID });
    await expect(resolveContainer([r], 'docker/web1')).resolves.toMatchObject({ id: DOCKER_ID });
  });

  /** The container stays listed, with its engine and id, whatever config.v2.json holds. */
  async function identityWith(prepare: () => Promise<void>) {
    await prepare();
    const refs = await resolver().list();
    expect(refs.map((r) => [r.id, r.status, r.identity?.engine])).toEqual([[DOCKER_ID, 'running', 'docker']]);
    return refs[0]?.identity;
  }

  it('gives a per-container issue for a 100 MB config, without reading it', async () => {
    const id = await identityWith(() => truncate(config(), 100 * 1024 * 1024));
    expect(id?.name).toBeUndefined();
    expect(id?.issues).toEqual([`Docker container config ${config()} is larger than 2097152 bytes`]);
  });

  it('gives a per-container issue for invalid UTF-8 and for text that is not JSON', async () => {
    const bad = await identityWith(() => writeFile(config(), Buffer.from('{"Name":"/\xff\xfe"}', 'latin1')));
    expect(bad?.issues).toEqual([`Docker container config ${config()} is not valid UTF-8`]);
    const notJson = await identityWith(() => writeFile(config(), '{"Name": '));
    expect(notJson?.issues?.[0]).toMatch(/is not JSON: /);
  });

  it('never follows a symlink to /etc/shadow, at the file or on the way', async () => {
    const file = await identityWith(async () => {
      await rm(config());
      await symlink('/etc/shadow', config());
    });
    expect(file?.issues).toEqual([`refusing symlinked Docker container config ${config()}`]);
    const dir = join(tree.dir, 'data', 'containers', DOCKER_ID);
    const onTheWay = await identityWith(async () => {
      await rm(dir, { recursive: true });
      await mkdir(join(tree.dir, 'elsewhere'));
      await writeFile(join(tree.dir, 'elsewhere', 'config.v2.json'), '{"Name":"/stolen"}');
      await symlink(join(tree.dir, 'elsewhere'), dir);
    });
    expect(onTheWay?.name).toBeUndefined();
    expect(onTheWay?.issues?.[0]).toMatch(/resolves outside/);
  });

  it('does not hang on a FIFO in place of the config', async () => {
    const id = await identityWith(async () => {
      await rm(config());
      execFileSync('mkfifo', [config()]);
    });
    expect(id?.issues?.[0]).toMatch(/is not a regular file$/);
  });

  it('keeps the rest when one label value is 1 MB, and says so', async () => {
    const id = await identityWith(() =>
      writeFile(
        config(),
        JSON.stringify({ Name: '/web1', Config: { Image: 'i', Labels: { big: 'x'.repeat(1 << 20), ok: '1' } } }),
      ),
    );
    expect(id).toMatchObject({ name: 'web1', image: 'i', labels: { ok: '1' } });
    expect(id?.issues).toEqual([`label "big" in ${config()} is longer than 4096 characters: left out`]);
  });

  it('says when there is no config for the container', async () => {
    const id = await identityWith(() => rm(config()));
    expect(id?.issues).toEqual([`no Docker container config at ${config()}: name and image unknown`]);
  });

  it('probes the runc root under the exec root', () => {
    expect(probeDocker(join(tree.dir, 'exec'), join(tree.dir, 'data'), false)).toMatchObject({ found: true });
    expect(probeDocker(join(tree.dir, 'nope'), join(tree.dir, 'data'), false)).toMatchObject({
      found: false,
      detail: expect.stringContaining('pass --docker-exec-root'),
    });
  });
});
