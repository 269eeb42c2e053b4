import type { ContainerRef } from '../ports/container-ref.js';
import { filterContainers, matchesFilter, parseLabelSelector } from './filter-containers.js';

const ref = (id: string, engine: string, name?: string, labels?: Record<string, string>): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'r',
  status: 'running',
  identity: { engine, ...(name === undefined ? {} : { name }), ...(labels === undefined ? {} : { labels }) },
});

const refs = [
  ref('a', 'docker', 'web-1', { app: 'shop', tier: 'front' }),
  ref('b', 'docker', 'db', { app: 'shop', tier: 'back' }),
  ref('c', 'containerd', undefined, { app: 'other' }),
  { id: 'd', runtime: 'process', resolver: 'p', status: 'running' } as ContainerRef,
];

describe('container filters', () => {
  it('parse key=value and key alone, and refuse an empty key', () => {
    expect(parseLabelSelector('app=shop')).toEqual({ key: 'app', value: 'shop' });
    expect(parseLabelSelector('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
    expect(parseLabelSelector('app')).toEqual({ key: 'app' });
    expect(parseLabelSelector('app=')).toEqual({ key: 'app', value: '' });
    expect(() => parseLabelSelector('=x')).toThrow('invalid label filter "=x": want key=value');
  });

  it('keep everything without a field, and match engines (alternatives), labels (all) and names (substring)', () => {
    const ids = (filter: Parameters<typeof filterContainers>[1]) => filterContainers(refs, filter).map((r) => r.id);
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ engines: ['docker', 'process'] })).toEqual(['a', 'b', 'd']);
    expect(
      ids({
        labels: [
          { key: 'app', value: 'shop' },
          { key: 'tier', value: 'back' },
        ],
      }),
    ).toEqual(['b']);
    expect(ids({ labels: [{ key: 'app' }] })).toEqual(['a', 'b', 'c']);
    expect(ids({ names: ['web'] })).toEqual(['a']);
    expect(ids({ names: ['eb', 'd'] })).toEqual(['a', 'b']);
    expect(ids({ engines: ['docker'], names: ['db'] })).toEqual(['b']);
  });

  it('does not take an inherited property for a label', () => {
    expect(matchesFilter(refs[0] as ContainerRef, { labels: [{ key: 'toString' }] })).toBe(false);
  });
});
