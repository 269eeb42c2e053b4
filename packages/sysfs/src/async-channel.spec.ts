import { AsyncChannel } from './async-channel.js';

describe('AsyncChannel', () => {
  it('delivers pushed values in order, then ends', async () => {
    let cleaned = 0;
    const ch = new AsyncChannel<number>(() => cleaned++);
    ch.push(1);
    setTimeout(() => {
      ch.push(2);
      ch.end();
      ch.push(3);
    }, 1);
    const got: number[] = [];
    for await (const v of ch) got.push(v);
    expect(got).toEqual([1, 2]);
    expect(cleaned).toBe(1);
  });

  it('runs the cleanup when the consumer stops early', async () => {
    let cleaned = 0;
    const ch = new AsyncChannel<number>(() => cleaned++);
    ch.push(1);
    ch.push(2);
    for await (const v of ch) {
      expect(v).toBe(1);
      break;
    }
    expect(cleaned).toBe(1);
    expect(ch.ended).toBe(true);
  });
});
