import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import { KatamonError } from '../errors/katamon-error.js';
import { listContainers } from './list-containers.js';

const resolver = (name: string, ids: string[], runtime = 'runc', namespace?: string): ContainerResolver => ({
  name,
  match: async () => [],
  list: async () =>
    ids.map(
      (id): ContainerRef => ({
        id,
        runtime,
        resolver: name,
        status: 'running',
        ...(namespace === undefined ? {} : { identity: { engine: 'containerd', namespace } }),
      }),
    ),
  refresh: async () => undefined,
});
const broken: ContainerResolver = {
  ...resolver('broken', []),
  list: () => Promise.reject(new KatamonError('io', 'EIO')),
};

describe(listContainers, () => {
  it('merges every resolver, the first one keeping a container seen twice, sorted by id', async () => {
    const refs = await listContainers([resolver('runc', ['b', 'a']), resolver('again', ['c', 'a'])]);
    expect(refs.map((r) => [r.id, r.resolver])).toEqual([
      ['a', 'runc'],
      ['b', 'runc'],
      ['c', 'again'],
    ]);
  });

  it('keeps ids that repeat across engines and containerd namespaces: they are different containers', async () => {
    const refs = await listContainers([
      resolver('runc', ['a']),
      resolver('crun', ['a'], 'crun'),
      resolver('ctr-default', ['a'], 'runc', 'default'),
      resolver('ctr-k8s', ['a'], 'runc', 'k8s.io'),
    ]);
    expect(refs.map((r) => [r.identity?.engine, r.identity?.namespace ?? ''])).toEqual([
      ['containerd', 'default'],
      ['containerd', 'k8s.io'],
      ['crun', ''],
      ['runc', ''],
    ]);
  });

  it('gives a plugin ref without identity one naming its runtime, and drops answers that are no refs', async () => {
    const odd: ContainerResolver = { ...resolver('odd', []), list: async () => [null, { id: 3 }] as never };
    const refs = await listContainers([resolver('p', ['x'], 'process'), odd]);
    expect(refs).toEqual([
      { id: 'x', runtime: 'process', resolver: 'p', status: 'running', identity: { engine: 'process' } },
    ]);
  });

  it('skips a failing resolver, and fails only when all of them fail', async () => {
    await expect(listContainers([broken, resolver('runc', ['a'])])).resolves.toHaveLength(1);
    await expect(listContainers([broken])).rejects.toMatchObject({ kind: 'io' });
    await expect(listContainers([])).resolves.toEqual([]);
  });
});
