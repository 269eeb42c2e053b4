import { join } from 'node:path';
import type { ContainerRef, ContainerResolver } from '@katamon/core';
import { describeContainerResolver } from './describe-container-resolver.js';
import { runBrokenSpec } from './run-broken-spec.spec-helper.js';

const suite = join(import.meta.dirname, 'describe-container-resolver.ts');

// A correct resolver over a fixed set, the way a plugin's resolver over a state directory behaves.
function inMemoryResolver(ids: readonly string[], gone: ReadonlySet<string>): ContainerResolver {
  const ref = (id: string): ContainerRef => ({ id, runtime: 'mem', resolver: 'mem', status: 'running', pid: 1 });
  return {
    name: 'mem',
    match: async (query) => ids.filter((id) => id === query || (query.length < 64 && id.startsWith(query))).map(ref),
    list: async () => ids.map(ref),
    refresh: async (r) => (gone.has(r.id) ? undefined : ref(r.id)),
  };
}

describeContainerResolver('in-memory', {
  create: () => inMemoryResolver(['web-1', 'web-12', 'db'], new Set(['old'])),
  fixtures: () => ({
    present: [{ id: 'web-1', status: 'running' }, { id: 'web-12' }, { id: 'db' }],
    gone: { id: 'old', runtime: 'mem', resolver: 'mem', status: 'running' },
  }),
});

const brokenSpec = `
import { describeContainerResolver } from ${JSON.stringify(suite)};
const ref = (id, resolver = 'broken') => ({ id, runtime: 'x', resolver, status: 'running', pid: 1 });
describeContainerResolver('broken', {
  create: () => ({
    name: 'broken',
    match: async (query) => {
      if (query.length > 100) throw new Error('query too long');
      // A function in the ref (cannot cross a thread); any other query gets everything.
      if (query === 'a1') return [{ ...ref('a1'), stop: () => {} }];
      return [ref('a1'), ref('b2')];
    },
    // Another resolver's name.
    list: async () => [ref('a1', 'someone-else'), ref('b2')],
    // Never notices that a container went away.
    refresh: async (r) => ({ ...r, status: 'running' }),
  }),
  fixtures: () => ({ present: [{ id: 'a1' }], gone: ref('g') }),
});
`;

describe('describeContainerResolver on a broken resolver', () => {
  it('fails the broken points, naming what katamon would refuse', { timeout: 120_000 }, async () => {
    const { code, failed, message, results } = await runBrokenSpec(brokenSpec);
    expect(code, 'the child run fails').toBe(1);
    expect(failed).toEqual(
      [
        'lists every present container once, as refs katamon accepts',
        'matches an exact id, and only ids that start with the query',
        'matches a prefix shorter than 64 characters',
        'answers an unknown id with no containers',
        'answers odd but valid queries without throwing',
        'refreshes a listed container to a ref of the same id',
        'refreshes a container that has gone to undefined (or a stopped ref)',
      ].sort(),
    );
    expect(message('lists every present container once, as refs katamon accepts')).toContain(
      'list()[0].resolver: expected "broken"',
    );
    expect(message('matches an exact id, and only ids that start with the query')).toContain(
      'match("a1")[0]: cannot cross a thread',
    );
    expect(message('matches a prefix shorter than 64 characters')).toContain('match(a) answered b2');
    expect(message('answers odd but valid queries without throwing')).toContain('query too long');
    expect(message('refreshes a listed container to a ref of the same id')).toContain(
      'refresh(a1)[0].resolver: expected "broken"',
    );
    expect(message('refreshes a container that has gone to undefined (or a stopped ref)')).toContain(
      "expected 'running' to be 'stopped'",
    );
    expect(results['has a non-empty name']?.status).toBe('passed');
  });
});
