import { KatamonError } from '@katamon/core';
import { RuncResolver } from './runc-resolver.js';
import { resolveRuncContainer } from './resolve-runc-container.js';
import { selfProcess, tempRoot, type TempRoot } from './state-root.fixture.js';

describe('resolveRuncContainer (openEuler id rules)', () => {
  let root: TempRoot;
  let resolvers: RuncResolver[];
  beforeEach(async () => {
    root = await tempRoot();
    const self = await selfProcess();
    await root.add('5779b2366f47cd1468ebb1ba7c52cbdde3c7d3a5f2af3eefadc8356700fc860b', self);
    await root.add('abc', self);
    await root.add('abcd', self);
    await root.add('dead01', { pid: 0 });
    resolvers = [new RuncResolver({ roots: [{ path: root.path, runtime: 'runc' }] })];
  });
  afterEach(() => root.cleanup());

  const outcome = (typed: string, exactWins?: boolean) =>
    resolveRuncContainer(resolvers, typed, { exactWins }).then(
      (ref) => ({ id: ref.id }),
      (e: unknown) => ({ kind: KatamonError.is(e) ? e.kind : 'thrown', message: (e as Error).message }),
    );

  it('returns the full id for a unique prefix', async () => {
    expect(await outcome('5779b2366f47')).toEqual({
      id: '5779b2366f47cd1468ebb1ba7c52cbdde3c7d3a5f2af3eefadc8356700fc860b',
    });
  });

  it('distinguishes not found, ambiguous and not running', async () => {
    expect(await outcome('ffff')).toEqual({ kind: 'not-found', message: 'Container ID (ffff) does not exist' });
    expect(await outcome('ab')).toEqual({ kind: 'ambiguous', message: 'multiple containers found (ab)' });
    // openEuler: an exact name is one more prefix match.
    expect(await outcome('abc')).toEqual({ kind: 'ambiguous', message: 'multiple containers found (abc)' });
    expect(await outcome('abc', true)).toEqual({ id: 'abc' });
    expect(await outcome('dead')).toEqual({ kind: 'not-running', message: 'Container ID (dead) does not exist' });
  });

  it('counts the same prefix across resolvers', async () => {
    const other = await tempRoot();
    try {
      await other.add('5779b2366f47-other', await selfProcess());
      resolvers.push(new RuncResolver({ roots: [{ path: other.path, runtime: 'crun' }], name: 'crun' }));
      expect(await outcome('5779')).toEqual({ kind: 'ambiguous', message: 'multiple containers found (5779)' });
    } finally {
      await other.cleanup();
    }
  });
});
