import { createSystemScheduler, systemScheduler } from './system-scheduler.js';

describe(createSystemScheduler, () => {
  it('fires a timer on real time and reads the wall clock', async () => {
    const before = Date.now();
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
});
