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
});
