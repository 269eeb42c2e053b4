import { holdUptimeClock } from './hold-uptime-clock.js';

describe(holdUptimeClock, () => {
  it('holds process.uptime still until advanced, and gives it back', () => {
    const clock = holdUptimeClock();
    try {
      const start = process.uptime();
      for (let i = 0; i < 1e5; i++) Math.sqrt(i);
      expect(process.uptime()).toBe(start);
      clock.advanceMs(1500);
      expect(process.uptime()).toBeCloseTo(start + 1.5, 9);
    } finally {
      clock.restore();
    }
    const a = process.uptime();
    while (process.uptime() === a) Math.sqrt(2);
    expect(process.uptime()).toBeGreaterThan(a);
  });
});
