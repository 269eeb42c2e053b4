import { waitUntil } from './wait-until.js';

describe(waitUntil, () => {
  it('returns the first defined value the probe gives', async () => {
    let n = 0;
    await expect(waitUntil(() => (++n >= 3 ? n : undefined), { what: 'three probes', intervalMs: 1 })).resolves.toBe(3);
  });

  it('names the condition and the last state when it never comes', async () => {
    await expect(
      waitUntil(() => undefined, { what: 'nothing', timeoutMs: 20, intervalMs: 5, describe: () => 'still nothing' }),
    ).rejects.toThrow('timed out after 20 ms waiting for nothing; last seen: still nothing');
  });
});
