import { createFakeScheduler } from './create-fake-scheduler.js';

describe(createFakeScheduler, () => {
  it('fires nothing until time is advanced, then in time order with ties in arming order', async () => {
    const s = createFakeScheduler(1000);
    const fired: string[] = [];
    s.setTimer(20, () => fired.push('b'));
    s.setTimer(10, () => fired.push('a'));
    s.setTimer(20, () => fired.push('c'));
    expect(s.pendingTimers()).toBe(3);
    expect(s.nextTimerAt()).toBe(1010);
    await s.advance(9);
    expect(fired).toEqual([]);
    await s.advance(11);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(s.now()).toBe(1020);
    expect(s.pendingTimers()).toBe(0);
  });

  it('cancels timers, and cancelling twice is harmless', async () => {
    const s = createFakeScheduler();
    const fn = vi.fn();
    const cancel = s.setTimer(5, fn);
    cancel();
    cancel();
    await s.advance(10);
    expect(fn).not.toHaveBeenCalled();
    expect(s.pendingTimers()).toBe(0);
  });

  it('sees timers armed after an await within the same advance, at the time they were armed', async () => {
    const s = createFakeScheduler();
    const times: number[] = [];
    const loop = async (): Promise<void> => {
      await Promise.resolve();
      times.push(s.now());
      if (times.length < 4) s.setTimer(10, () => void loop());
    };
    s.setTimer(10, () => void loop());
    await s.advance(100);
    expect(times).toEqual([10, 20, 30, 40]);
    expect(s.now()).toBe(100);
  });

  it('treats negative and non-finite delays as zero', async () => {
    const s = createFakeScheduler();
    const fired: number[] = [];
    s.setTimer(-5, () => fired.push(s.now()));
    s.setTimer(Number.NaN, () => fired.push(s.now()));
    await s.advance(0);
    expect(fired).toEqual([0, 0]);
  });

  it('advanceSync fires due timers with no promise job in between', async () => {
    const s = createFakeScheduler();
    const seen: string[] = [];
    s.setTimer(10, () => {
      seen.push('timer 10');
      void Promise.resolve().then(() => seen.push('job'));
    });
    s.setTimer(20, () => seen.push('timer 20'));
    s.setTimer(30, () => seen.push('timer 30'));
    expect(s.advanceSync(25)).toBe(2);
    expect(seen).toEqual(['timer 10', 'timer 20']);
    expect(s.now()).toBe(25);
    await s.flush();
    expect(seen).toEqual(['timer 10', 'timer 20', 'job']);
  });
});
