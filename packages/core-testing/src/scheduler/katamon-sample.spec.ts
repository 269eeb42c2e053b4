// The one-shot sample use case of @katamon/core under virtual time (it lives here because core's own
// tests cannot import core-testing without a dependency cycle).
import { createKatamon, KatamonError, silentLogger, type ContainerRef, type StatsSource } from '@katamon/core';
import { createFakeScheduler, type FakeScheduler } from './create-fake-scheduler.js';

const runcRef: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'r', status: 'running' };
const pids = { current: 3n, limit: 0n };

function source(
  name: string,
  collect: StatsSource['collect'],
  probe: StatsSource['probe'] = () => 'handle',
): StatsSource {
  return { name, probe, collect };
}
const never = (signal?: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal?.addEventListener('abort', () => reject(new KatamonError('cancelled', 'aborted'))),
  );
const after = <T>(s: FakeScheduler, ms: number, value: T) =>
  new Promise<T>((resolve) => s.setTimer(ms, () => resolve(value)));

function katamonWith(s: FakeScheduler, sources: StatsSource[], sourceDeadlineMs = 100) {
  return createKatamon({ resolvers: [], sources, scheduler: s, logger: silentLogger, sourceDeadlineMs });
}

describe('Katamon.sample', () => {
  it('merges every handling source and skips the others', async () => {
    const s = createFakeScheduler(5_000);
    const skipped = vi.fn();
    const k = katamonWith(s, [
      source('cgroup-v2', async () => ({ stats: { pids } })),
      source('netns', async () => ({ stats: { runcInterfaces: [] } })),
      source('kata-agent', skipped, () => 'skip'),
    ]);
    const sample = await k.sample(runcRef);
    expect(sample).toEqual({
      id: 'c1',
      timestamp: 5_000,
      stats: { pids, runcInterfaces: [] },
      sources: ['cgroup-v2', 'netns'],
      issues: [],
    });
    expect(skipped).not.toHaveBeenCalled();
    expect(s.pendingTimers()).toBe(0);
  });

  it('passes the metrics scope to every source, sync and async, and marks the sample; no scope argument by default', async () => {
    const s = createFakeScheduler(1_000);
    const asyncScopes: unknown[][] = [];
    const syncScopes: unknown[][] = [];
    const local: StatsSource = {
      name: 'cgroup-v1',
      probe: () => 'handle',
      collect: async () => ({ stats: { pids } }),
      collectSync: (...args) => (syncScopes.push(args.slice(1)), { stats: { pids } }),
    };
    const remote = source(
      'kata-agent',
      async (...args) => (asyncScopes.push(args.slice(2)), { stats: { runcInterfaces: [] } }),
    );
    const k = katamonWith(s, [local, remote]);
    const metrics = await k.sample(runcRef, undefined, 'metrics');
    expect(metrics.scope).toBe('metrics');
    const complete = await k.sample(runcRef);
    expect(complete.scope).toBeUndefined();
    expect(syncScopes).toEqual([['metrics'], []]);
    expect(asyncScopes).toEqual([['metrics'], []]);
  });

  it('turns a hanging source into a timeout issue and keeps the others, within the deadline', async () => {
    const s = createFakeScheduler();
    let seen: AbortSignal | undefined;
    const k = katamonWith(s, [
      source('cgroup-v2', async () => ({ stats: { pids } })),
      source('acme', (_ref, signal) => ((seen = signal), never(signal))),
    ]);
    const pending = k.sample(runcRef);
    await s.advance(99);
    await s.advance(1);
    const sample = await pending;
    expect(sample.stats).toEqual({ pids });
    expect(sample.issues).toEqual([
      { source: 'acme', kind: 'timeout', message: 'source acme did not answer within 100 ms' },
    ]);
    expect(seen?.aborted).toBe(true);
    expect(s.pendingTimers()).toBe(0);
  });

  it('reports throwing, malformed and partially failing sources as typed issues', async () => {
    const s = createFakeScheduler();
    const k = katamonWith(s, [
      source('cgroup-v1', async () => ({
        stats: { pids },
        issues: [{ source: 'cgroup-v1', kind: 'parse', message: 'bad line', path: '/x/memory.stat' }],
      })),
      source('thrower', async () => {
        throw new KatamonError('io', 'EIO', { path: '/y' });
      }),
      source('garbage', async () => ({ stats: { hugetlb: {} } }) as never),
      source(
        'prober',
        async () => ({ stats: {} }),
        () => {
          throw new Error('boom');
        },
      ),
      source('weird', async () => ({ stats: {}, issues: [{ kind: 'nonsense', message: 'm' } as never] })),
    ]);
    const sample = await k.sample(runcRef);
    expect(sample.stats).toEqual({ pids });
    expect(sample.issues).toEqual([
      { source: 'prober', kind: 'plugin', message: 'probe of source prober threw: boom' },
      { source: 'cgroup-v1', kind: 'parse', message: 'bad line', path: '/x/memory.stat' },
      { source: 'thrower', kind: 'io', message: 'EIO', path: '/y' },
      { source: 'garbage', kind: 'parse', message: 'malformed result from source garbage: hugetlb is not a Map' },
      { source: 'weird', kind: 'internal', message: 'm' },
    ]);
  });

  it('fails with the most relevant error when no source produced anything', async () => {
    const s = createFakeScheduler();
    const k = katamonWith(s, [
      source('slow', (_r, signal) => never(signal)),
      source('cgroup-v2', async () => {
        throw new KatamonError('gone', 'cgroup vanished');
      }),
    ]);
    const pending = k.sample(runcRef);
    const outcome = expect(pending).rejects.toMatchObject({ kind: 'gone', message: 'cgroup vanished' });
    await s.advance(100);
    await outcome;
    expect(s.pendingTimers()).toBe(0);
  });

  it('fails with `unsupported` when no source handles the container', async () => {
    const k = katamonWith(createFakeScheduler(), [
      source(
        'x',
        async () => ({ stats: {} }),
        () => 'skip',
      ),
    ]);
    await expect(k.sample(runcRef)).rejects.toMatchObject({ kind: 'unsupported' });
    const empty = katamonWith(createFakeScheduler(), [source('x', async () => ({ stats: {} }))]);
    await expect(empty.sample(runcRef)).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('stops at once with `cancelled` when the caller aborts, aborting the sources and leaving no timer', async () => {
    const s = createFakeScheduler();
    let seen: AbortSignal | undefined;
    const k = katamonWith(s, [source('slow', (_r, signal) => ((seen = signal), never(signal)))]);
    const ac = new AbortController();
    const pending = k.sample(runcRef, ac.signal);
    await s.flush();
    ac.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seen?.aborted).toBe(true);
    expect(s.pendingTimers()).toBe(0);
    await expect(k.sample(runcRef, ac.signal)).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('collects in parallel: the sample takes as long as the slowest source, not the sum', async () => {
    const s = createFakeScheduler();
    const k = katamonWith(s, [
      source('cgroup-v2', () => after(s, 60, { stats: { pids } })),
      source('netns', () => after(s, 60, { stats: { runcInterfaces: [] } })),
    ]);
    let done = false;
    const pending = k.sample(runcRef).then((v) => ((done = true), v));
    await s.advance(60);
    expect(done).toBe(true);
    expect((await pending).issues).toEqual([]);
  });
});
