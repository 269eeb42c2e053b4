import { fc, test } from '@fast-check/vitest';
import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import { KatamonError } from '../errors/katamon-error.js';
import { resolveContainer } from './resolve-container.js';
import { silentLogger } from '../ports/logger.js';

const ref = (id: string, resolver = 'r'): ContainerRef => ({ id, runtime: 'runc', resolver, status: 'running' });

/** A resolver over a fixed id list, implementing match exactly as the port documents it. */
function resolverOf(name: string, ids: string[]): ContainerResolver {
  return {
    name,
    match: async (q) => ids.filter((id) => id === q || (q.length < 64 && id.startsWith(q))).map((id) => ref(id, name)),
    list: async () => ids.map((id) => ref(id, name)),
    refresh: async (r) => (ids.includes(r.id) ? r : undefined),
  };
}

const failing = (name: string, error: unknown): ContainerResolver => ({
  name,
  match: () => Promise.reject(error),
  list: () => Promise.reject(error),
  refresh: () => Promise.reject(error),
});

const long = 'a'.repeat(64);

interface Named {
  id: string;
  name?: string;
  engine?: string;
  namespace?: string;
  aliases?: string[];
}

/** A resolver of named containers, with the port's match semantics and no matchName (names come from list). */
function namedResolver(name: string, entries: Named[], extra: Partial<ContainerResolver> = {}): ContainerResolver {
  const toRef = (e: Named): ContainerRef => ({
    ...ref(e.id, name),
    identity: {
      engine: e.engine ?? 'docker',
      ...(e.namespace === undefined ? {} : { namespace: e.namespace }),
      ...(e.name === undefined ? {} : { name: e.name }),
      ...(e.aliases === undefined ? {} : { aliases: e.aliases }),
    },
  });
  return {
    name,
    match: async (q) => entries.filter((e) => e.id === q || (q.length < 64 && e.id.startsWith(q))).map(toRef),
    list: async () => entries.map(toRef),
    refresh: async () => undefined,
    ...extra,
  };
}

describe(resolveContainer, () => {
  it('logs a failing resolver once: as a warning when another found the container, not at all when it is the error thrown', async () => {
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (msg: string, fields?: Record<string, unknown>) =>
        void warnings.push(`${msg} ${String(fields?.['resolver'])}`),
    };
    const refused = new KatamonError('permission-denied', 'refusing state file /run/runc/a/state.json');
    await expect(resolveContainer([failing('runc', refused)], 'a', logger)).rejects.toBe(refused);
    expect(warnings).toEqual([]);
    const other = new KatamonError('io', 'EIO');
    await expect(resolveContainer([failing('runc', refused), failing('kata', other)], 'a', logger)).rejects.toBe(
      refused,
    );
    expect(warnings).toEqual(['container resolver failed kata']);
    warnings.length = 0;
    expect(await resolveContainer([failing('runc', refused), resolverOf('kata', ['a'])], 'a', logger)).toMatchObject({
      id: 'a',
    });
    expect(warnings).toEqual(['container resolver failed runc']);
  });

  it('returns the exact id even when it is also a prefix of another', async () => {
    const r = await resolveContainer([resolverOf('runc', ['abc', 'abcd'])], 'abc');
    expect(r.id).toBe('abc');
  });

  it('resolves a unique prefix across every resolver', async () => {
    const r = await resolveContainer([resolverOf('runc', ['1234']), resolverOf('kata', ['5678'])], '56');
    expect(r).toMatchObject({ id: '5678', resolver: 'kata' });
  });

  it('reports an ambiguous prefix with the typed string', async () => {
    const call = resolveContainer([resolverOf('runc', ['abc1']), resolverOf('kata', ['abc2'])], 'abc');
    await expect(call).rejects.toMatchObject({ kind: 'ambiguous', message: 'multiple containers found (abc)' });
  });

  it('counts one id seen by two resolvers once', async () => {
    const r = await resolveContainer([resolverOf('a', ['abc1']), resolverOf('b', ['abc1'])], 'ab');
    expect(r).toMatchObject({ id: 'abc1', resolver: 'a' });
  });

  it('reports a missing container with the typed string', async () => {
    const call = resolveContainer([resolverOf('runc', ['abc'])], 'zz');
    await expect(call).rejects.toMatchObject({ kind: 'not-found', message: 'Container ID (zz) does not exist' });
  });

  it('prefix-matches a query of 63 characters, the longest that still matches by prefix', async () => {
    const full = `${'a'.repeat(63)}b`;
    const r = await resolveContainer([resolverOf('runc', [full, 'b'.repeat(64)])], 'a'.repeat(63));
    expect(r.id).toBe(full);
    await expect(
      resolveContainer([resolverOf('runc', [full, `${'a'.repeat(63)}c`])], 'a'.repeat(63)),
    ).rejects.toMatchObject({ kind: 'ambiguous' });
  });

  test.prop([fc.integer({ min: 1, max: 70 }), fc.constantFrom('0', 'f')])(
    'a query shorter than 64 characters finds the one id it starts, a longer one only itself',
    async (length, tail) => {
      const id = `${'e'.repeat(Math.max(length, 64))}${tail}`;
      const query = id.slice(0, length);
      const lying: ContainerResolver = { ...resolverOf('x', []), match: async () => [ref(id)] };
      if (length < 64) await expect(resolveContainer([lying], query)).resolves.toMatchObject({ id });
      else await expect(resolveContainer([lying], query)).rejects.toMatchObject({ kind: 'not-found' });
    },
  );

  it('does not prefix-match queries of 64 characters or more', async () => {
    const lying: ContainerResolver = { ...resolverOf('x', []), match: async () => [ref(`${long}b`)] };
    await expect(resolveContainer([lying], long)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('validates the id before asking any resolver', async () => {
    const match = vi.fn(async () => []);
    const spy: ContainerResolver = { ...resolverOf('x', []), match };
    await expect(resolveContainer([spy], '../etc')).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(resolveContainer([spy], '')).rejects.toMatchObject({ message: 'container id cannot be empty' });
    expect(match).not.toHaveBeenCalled();
  });

  it('does not let a failing resolver hide the others, and surfaces its error when nobody found it', async () => {
    const broken = failing('kata', new KatamonError('unavailable', 'agent down'));
    await expect(resolveContainer([broken, resolverOf('runc', ['abc'])], 'ab')).resolves.toMatchObject({ id: 'abc' });
    await expect(resolveContainer([broken, resolverOf('runc', ['abc'])], 'zz')).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'agent down',
    });
  });

  it('ignores answers that do not match the query (resolvers are plugins)', async () => {
    const noisy: ContainerResolver = {
      ...resolverOf('x', []),
      match: async () => [ref('other'), null as unknown as ContainerRef],
    };
    await expect(resolveContainer([noisy, resolverOf('runc', ['abc'])], 'ab')).resolves.toMatchObject({ id: 'abc' });
  });

  it('takes a unique name when no container has the query as its id, and a name before an id prefix', async () => {
    const docker = namedResolver('docker', [
      { id: 'web0123', name: 'db' },
      { id: 'db9999', name: 'web' },
    ]);
    await expect(resolveContainer([docker], 'web')).resolves.toMatchObject({ id: 'db9999' });
    await expect(resolveContainer([docker], '/web')).resolves.toMatchObject({ id: 'db9999' });
    await expect(resolveContainer([docker], 'db9999')).resolves.toMatchObject({ id: 'db9999' });
    await expect(resolveContainer([docker], 'web01')).resolves.toMatchObject({ id: 'web0123' });
  });

  it('prefers an exact id over a name, and never asks for names then', async () => {
    const matchName = vi.fn(async () => []);
    const named = namedResolver('docker', [{ id: 'x1', name: 'abc' }], { matchName });
    const r = await resolveContainer([named, resolverOf('runc', ['abc'])], 'abc');
    expect(r).toMatchObject({ id: 'abc', resolver: 'runc' });
    expect(matchName).not.toHaveBeenCalled();
  });

  it('asks matchName when the resolver has one, and keeps only refs that really carry the name', async () => {
    const matchName = vi.fn(async () => [{ ...ref('n1'), identity: { engine: 'docker', name: 'web' } }, ref('n2')]);
    const list = vi.fn(async () => []);
    const named = { ...resolverOf('docker', []), matchName, list };
    await expect(resolveContainer([named], 'web')).resolves.toMatchObject({ id: 'n1' });
    expect(matchName).toHaveBeenCalledWith('web');
    expect(list).not.toHaveBeenCalled();
  });

  it('asks matchExact alone first, and prefixes and names only when no container has the exact id', async () => {
    const calls: string[] = [];
    const exactly: ContainerResolver = {
      ...resolverOf('runc', ['abc', 'abcd']),
      matchExact: async (id) => (calls.push(`exact ${id}`), id === 'abc' ? [ref('abc')] : []),
      match: async (q) => (calls.push(`match ${q}`), [ref('abcd')]),
      list: async () => (calls.push('list'), []),
    };
    await expect(resolveContainer([exactly], 'abc')).resolves.toMatchObject({ id: 'abc' });
    expect(calls).toEqual(['exact abc']);
    calls.length = 0;
    await expect(resolveContainer([exactly], 'ab')).resolves.toMatchObject({ id: 'abcd' });
    expect(calls).toEqual(['exact ab', 'match ab', 'list']);
  });

  it('matches aliases as names', async () => {
    const crio = namedResolver('crio', [{ id: 'c1', name: 'app', aliases: ['k8s_app_web_default_u1_0'] }]);
    await expect(resolveContainer([crio], 'k8s_app_web_default_u1_0')).resolves.toMatchObject({ id: 'c1' });
  });

  it('reports a name two containers share as ambiguous, naming how to tell them apart', async () => {
    const docker = namedResolver('docker', [{ id: 'd1', name: 'web' }]);
    const podman = namedResolver('podman', [{ id: 'p1', name: 'web', engine: 'podman' }]);
    await expect(resolveContainer([docker, podman], 'web')).rejects.toMatchObject({
      kind: 'ambiguous',
      message: 'multiple containers found (web): use one of docker/web, podman/web',
    });
    await expect(resolveContainer([docker, podman], 'podman/web')).resolves.toMatchObject({ id: 'p1' });
  });

  it('keeps an id that repeats across containerd namespaces addressable as namespace/id', async () => {
    const ctr = namedResolver('containerd', [
      { id: 'ctr1', engine: 'containerd', namespace: 'default' },
      { id: 'ctr1', engine: 'containerd', namespace: 'k8s.io' },
      { id: 'other', engine: 'containerd', namespace: 'k8s.io' },
    ]);
    await expect(resolveContainer([ctr], 'ctr1')).rejects.toMatchObject({
      kind: 'ambiguous',
      message: 'multiple containers found (ctr1): use one of default/ctr1, k8s.io/ctr1',
    });
    await expect(resolveContainer([ctr], 'k8s.io/ctr1')).resolves.toMatchObject({
      id: 'ctr1',
      identity: { namespace: 'k8s.io' },
    });
    await expect(resolveContainer([ctr], 'k8s.io/ct')).resolves.toMatchObject({ identity: { namespace: 'k8s.io' } });
    await expect(resolveContainer([ctr], 'containerd/oth')).resolves.toMatchObject({ id: 'other' });
    await expect(resolveContainer([ctr], 'docker/ctr1')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Container ID (docker/ctr1) does not exist',
    });
  });

  it('keeps the old message for an ambiguous prefix', async () => {
    const ctr = namedResolver('containerd', [
      { id: 'ab1', engine: 'containerd', namespace: 'default' },
      { id: 'ab2', engine: 'containerd', namespace: 'k8s.io' },
    ]);
    await expect(resolveContainer([ctr], 'ab')).rejects.toMatchObject({ message: 'multiple containers found (ab)' });
  });

  it.each(['a/b/c', 'ns/', '/', '/../x', 'ns/..', 'a b/c'])('refuses the malformed query %j', async (typed) => {
    await expect(resolveContainer([resolverOf('r', ['a'])], typed)).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
  });

  const idArb = fc.stringMatching(/^[a-c]{1,4}$/);
  test.prop([fc.array(fc.uniqueArray(idArb, { maxLength: 5 }), { minLength: 1, maxLength: 3 }), idArb])(
    'exact id, else the one id starting with the query, else not-found/ambiguous',
    async (perResolver, query) => {
      const all = [...new Set(perResolver.flat())];
      const starting = all.filter((id) => id.startsWith(query));
      const outcome = await resolveContainer(
        perResolver.map((ids, i) => resolverOf(`r${i}`, ids)),
        query,
      ).then(
        (r) => r.id,
        (e: KatamonError) => `${e.kind}: ${e.message}`,
      );
      if (all.includes(query)) expect(outcome).toBe(query);
      else if (starting.length === 1) expect(outcome).toBe(starting[0]);
      else if (starting.length === 0) expect(outcome).toBe(`not-found: Container ID (${query}) does not exist`);
      else expect(outcome).toBe(`ambiguous: multiple containers found (${query})`);
    },
  );
});
