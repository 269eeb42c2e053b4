import { createSystemScheduler, systemScheduler } from './system-scheduler.js';

describe(createSystemScheduler, () => {
  it('fires a timer on real time and reads the wall clock', async () => {
    const before = Date.now() - 1000;
    const fired = await new Promise<number>((resolve) =>
      systemScheduler.setTimer(1, () => resolve(systemScheduler.now())),
    );
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

  describe('a timer with slack', () => {
    beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'hrtime'] }));
    afterEach(() => vi.useRealTimers());

    it('runs in the wake-up of the first other timer that fires after it is due, once', () => {
      const s = createSystemScheduler();
      const log: string[] = [];
      s.setTimer(200, () => log.push('poll'), 100);
      for (let t = 10; t <= 400; t += 10) s.setTimer(t, () => log.push(`tick ${t}`));
      vi.advanceTimersByTime(400);
      // Not before it is due, in the same turn as the tick at 200 (right after it), never again.
      expect(log.slice(log.indexOf('tick 190'), log.indexOf('tick 210') + 1)).toEqual([
        'tick 190',
        'tick 200',
        'poll',
        'tick 210',
      ]);
      expect(log.filter((entry) => entry === 'poll')).toHaveLength(1);
    });

    it('runs at the end of its slack when no other timer fires, and not after a cancel', () => {
      const s = createSystemScheduler();
      const alone = vi.fn();
      const cancelled = vi.fn();
      s.setTimer(200, alone, 100);
      s.setTimer(200, cancelled, 100)();
      vi.advanceTimersByTime(299);
      expect(alone).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(alone).toHaveBeenCalledTimes(1);
      s.setTimer(5, () => undefined);
      vi.advanceTimersByTime(1000);
      expect(alone).toHaveBeenCalledTimes(1);
      expect(cancelled).not.toHaveBeenCalled();
    });

    it('one that throws does not keep the others due in the same wake-up from running; its error surfaces', () => {
      const s = createSystemScheduler();
      const log: string[] = [];
      s.setTimer(100, () => log.push('first'), 50);
      s.setTimer(
        100,
        () => {
          throw new Error('poll failed');
        },
        50,
      );
      s.setTimer(100, () => log.push('third'), 50);
      s.setTimer(120, () => log.push('tick'));
      expect(() => vi.advanceTimersByTime(120)).toThrow('poll failed');
      expect(log).toEqual(['tick', 'first', 'third']);
      // Nothing runs twice: their backstops are gone.
      vi.advanceTimersByTime(1000);
      expect(log).toEqual(['tick', 'first', 'third']);
    });
  });
});
