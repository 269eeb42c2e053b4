import type { ContainerResolver } from '../ports/container-resolver.js';
import { KatamonError } from '../errors/katamon-error.js';
import { listContainers } from './list-containers.js';

const resolver = (name: string, ids: string[]): ContainerResolver => ({
  name,
  match: async () => [],
  list: async () => ids.map((id) => ({ id, runtime: name, resolver: name, status: 'running' as const })),
  refresh: async () => undefined,
});
const broken: ContainerResolver = {
  ...resolver('broken', []),
  list: () => Promise.reject(new KatamonError('io', 'EIO')),
};

describe(listContainers, () => {
  it('merges every resolver, first one keeping a shared id, sorted by id', async () => {
    const refs = await listContainers([resolver('runc', ['b', 'a']), resolver('kata', ['c', 'a'])]);
    expect(refs.map((r) => [r.id, r.resolver])).toEqual([
      ['a', 'runc'],
      ['b', 'runc'],
      ['c', 'kata'],
    ]);
  });

  it('skips a failing resolver, and fails only when all of them fail', async () => {
    await expect(listContainers([broken, resolver('runc', ['a'])])).resolves.toHaveLength(1);
    await expect(listContainers([broken])).rejects.toMatchObject({ kind: 'io' });
    await expect(listContainers([])).resolves.toEqual([]);
  });
});
