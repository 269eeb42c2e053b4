import { createSystemScheduler, systemScheduler } from './system-scheduler.js';

describe(createSystemScheduler, () => {
  it('fires a timer on real time and reads the wall clock', async () => {
    const before = Date.now() - 1000;
    const fired = await new Promise<number>((resolve) => systemScheduler.setTimer(1, () => resolve(systemScheduler.now())));
    expect(fired).toBeGreaterThanOrEqual(before);
  });

  it('cancels a timer; an unref timer still fires while the process is alive', async () => {
    const s = createSystemScheduler({ unref: true });
    const cancelled = vi.fn();
    s.setTimer(1, cancelled)();
    await new Promise<void>((resolve) => s.setTimer(5, resolve));
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('splits delays longer than Node timers allow instead of firing at once', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      createSystemScheduler().setTimer(2 ** 31 + 10, fn);
      vi.advanceTimersByTime(2 ** 31 - 1);
      expect(fn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(11);
      expect(fn).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
