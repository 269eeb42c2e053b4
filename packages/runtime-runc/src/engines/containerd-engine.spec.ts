import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveContainer } from '@katamon/core';
import { RuncResolver } from '../runc-resolver.js';
import { containerdRoots, probeContainerd } from './containerd-engine.js';
import { fixtureTree, type FixtureTree } from './fixture-tree.fixture.js';

describe('containerd engine over the state containerd 1.6 wrote', () => {
  let tree: FixtureTree;
  let resolver: RuncResolver;
  beforeAll(async () => {
    tree = await fixtureTree('containerd');
    resolver = new RuncResolver({ name: 'containerd', roots: containerdRoots(join(tree.dir, 'runc')) });
  });
  afterAll(() => tree.cleanup());

  it('lists every namespace, keeping the id that repeats across two of them', async () => {
    const refs = await resolver.list();
    expect(refs.map((r) => [r.identity?.namespace, r.id, r.status])).toEqual([
      ['default', 'ctr1', 'running'],
      ['k8s.io', 'ctr1', 'running'],
      ['k8s.io', 'pod1nginx', 'running'],
      ['k8s.io', 'pod1sandbox', 'running'],
    ]);
  });

  it('names containers after nerdctl’s annotation, else their id, and keeps the user’s annotations as labels', async () => {
    const refs = await resolver.list();
    expect(refs[0]?.identity).toEqual({
      engine: 'containerd',
      namespace: 'default',
      name: 'cache',
      labels: { team: 'blue' },
    });
    expect(refs[1]?.identity).toMatchObject({ name: 'ctr1', labels: { 'my.label': 'hello world' } });
  });

  it('reads the pod identity of a sandbox and of an app container from the CRI’s annotations', async () => {
    const refs = await resolver.list();
    const pod = { name: 'web-5d8f', namespace: 'shop', uid: '0f4e6c3a-1111-2222-3333-444455556666' };
    expect(refs.find((r) => r.id === 'pod1nginx')?.identity).toEqual({
      engine: 'containerd',
      namespace: 'k8s.io',
      name: 'nginx',
      image: 'docker.io/bars/busybox:1',
      pod: { ...pod, container: 'nginx', type: 'container', sandboxId: 'pod1sandbox' },
    });
    expect(refs.find((r) => r.id === 'pod1sandbox')?.identity).toEqual({
      engine: 'containerd',
      namespace: 'k8s.io',
      name: 'web-5d8f',
      pod: { ...pod, type: 'sandbox', sandboxId: 'pod1sandbox' },
    });
  });

  it('resolves namespace/id and names, and says how to tell the repeated id apart', async () => {
    await expect(resolveContainer([resolver], 'ctr1')).rejects.toThrow(
      'multiple containers found (ctr1): use one of default/ctr1, k8s.io/ctr1',
    );
    await expect(resolveContainer([resolver], 'default/ctr1')).resolves.toMatchObject({
      identity: { namespace: 'default', name: 'cache' },
    });
    await expect(resolveContainer([resolver], 'cache')).resolves.toMatchObject({ id: 'ctr1' });
    await expect(resolveContainer([resolver], 'nginx')).resolves.toMatchObject({ id: 'pod1nginx' });
  });

  it('keeps a container whose annotations are hostile, bounding them with issues', async () => {
    const file = join(tree.dir, 'runc', 'default', 'ctr1', 'state.json');
    const state = JSON.parse(await readFile(file, 'utf8')) as { config: { labels: string[] } };
    const big = 'x'.repeat(1 << 20);
    state.config.labels = [`nerdctl/name=${big}`, `huge=${big}`, 'team=blue', '__proto__=p', 'bundle=/elsewhere'];
    await writeFile(file, JSON.stringify(state));
    const refs = await new RuncResolver({ name: 'containerd', roots: containerdRoots(join(tree.dir, 'runc')) }).list();
    const hostile = refs.find((r) => r.identity?.namespace === 'default');
    expect(hostile).toMatchObject({ id: 'ctr1', status: 'running' });
    expect(hostile?.identity?.name).toBeUndefined();
    // runc's own `bundle=` (the last label) is no annotation; `__proto__` is one like any other.
    expect(hostile?.identity?.labels).toEqual(JSON.parse('{"team": "blue", "__proto__": "p"}'));
    expect(hostile?.identity?.issues).toEqual([
      `name in ${join(tree.dir, 'runc', 'default', 'ctr1')} labels is longer than 4096 characters: left out`,
      `label "huge" in ${join(tree.dir, 'runc', 'default', 'ctr1')} labels is longer than 4096 characters: left out`,
    ]);
  });

  it('probes the runc root, listing its namespaces', () => {
    expect(probeContainerd(join(tree.dir, 'runc'), false)).toMatchObject({
      engine: 'containerd',
      found: true,
      detail: 'namespaces: default, k8s.io',
    });
    expect(probeContainerd(join(tree.dir, 'none'), false)).toMatchObject({ found: false });
    expect(probeContainerd(join(tree.dir, 'none'), true)).toMatchObject({ found: true });
  });
});
