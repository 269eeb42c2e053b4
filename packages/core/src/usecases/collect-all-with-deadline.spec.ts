import type { ContainerRef } from '../ports/container-ref.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { StatsSource } from '../ports/stats-source.js';
import { collectAllWithDeadline } from './collect-all-with-deadline.js';

const ref: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'test', status: 'running' };

function source(name: string, collect: StatsSource['collect']): StatsSource {
  return { name, probe: () => 'handle', collect };
}

/** A scheduler whose timers fire only when the test says so. */
function manualScheduler() {
  const timers: { fn: () => void; cancelled: boolean; delay: number }[] = [];
  const scheduler: Scheduler = {
    now: () => 0,
    setTimer(delay, fn) {
      const timer = { fn, cancelled: false, delay };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  return { scheduler, timers };
}

describe(collectAllWithDeadline, () => {
  it('arms no deadline timer when every source answered at once (sync work in an async collect)', async () => {
    const { scheduler, timers } = manualScheduler();
    const outcomes = await collectAllWithDeadline(
      [source('a', async () => ({ stats: {} })), source('b', () => Promise.reject(new Error('boom')))],
      ref,
      scheduler,
      100,
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(timers).toHaveLength(0);
  });

  it('still times out a source that answers later, with the full deadline, and aborts its signal', async () => {
    const { scheduler, timers } = manualScheduler();
    let seen: AbortSignal | undefined;
    const pending = collectAllWithDeadline(
      [source('slow', (_ref, signal) => ((seen = signal), new Promise(() => undefined)))],
      ref,
      scheduler,
      100,
    );
    await Promise.resolve();
    expect(timers).toHaveLength(1);
    expect(timers[0]?.delay).toBe(100);
    timers[0]?.fn();
    const [outcome] = await pending;
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(seen?.aborted).toBe(true);
  });

  describe('sources with collectSync', () => {
    const syncSource = (name: string, collectSync: () => unknown): StatsSource => ({
      name,
      probe: () => 'handle',
      collect: () => Promise.reject(new Error(`${name}: collect must not be called`)),
      collectSync: collectSync as NonNullable<StatsSource['collectSync']>,
    });

    it('calls collectSync instead of collect, arms no timer and needs no signal', async () => {
      const { scheduler, timers } = manualScheduler();
      const outcomes = await collectAllWithDeadline(
        [
          syncSource('a', () => ({ stats: { pids: { current: 1n } } })),
          syncSource('b', () => {
            throw new Error('boom');
          }),
        ],
        ref,
        scheduler,
        100,
      );
      expect(outcomes).toEqual([
        { ok: true, result: { stats: { pids: { current: 1n } } } },
        { ok: false, error: new Error('boom') },
      ]);
      expect(timers).toHaveLength(0);
    });

    it('keeps the order of sources when synchronous and asynchronous ones are mixed, and the deadline for the latter', async () => {
      const { scheduler, timers } = manualScheduler();
      const order: string[] = [];
      const pending = collectAllWithDeadline(
        [
          syncSource('s1', () => (order.push('s1'), { stats: {} })),
          source('slow', () => (order.push('slow'), new Promise(() => undefined))),
          source('fast', async () => (order.push('fast'), { stats: {} })),
          syncSource('s2', () => {
            order.push('s2');
            throw new Error('s2 failed');
          }),
        ],
        ref,
        scheduler,
        100,
      );
      // The asynchronous ones start first, so their round trips overlap the synchronous reads.
      expect(order).toEqual(['slow', 'fast', 's1', 's2']);
      await Promise.resolve();
      expect(timers).toHaveLength(1);
      timers[0]?.fn();
      const outcomes = await pending;
      expect(
        outcomes.map((o) =>
          o.ok ? 'ok' : ((o.error as { kind?: string; message: string }).kind ?? (o.error as Error).message),
        ),
      ).toEqual(['ok', 'timeout', 'ok', 's2 failed']);
    });

    it('does not call collectSync once the caller aborted', async () => {
      const { scheduler } = manualScheduler();
      const abort = new AbortController();
      abort.abort();
      let called = false;
      const [outcome] = await collectAllWithDeadline(
        [syncSource('a', () => ((called = true), { stats: {} }))],
        ref,
        scheduler,
        100,
        abort.signal,
      );
      expect(called).toBe(false);
      expect(outcome).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    });
  });
});
