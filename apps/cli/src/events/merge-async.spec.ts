import { mergeAsync } from './merge-async.js';

async function* timed(items: [string, number][]) {
  for (const [value, delay] of items) {
    await new Promise((r) => setTimeout(r, delay));
    yield value;
  }
}

describe('mergeAsync', () => {
  it('yields items in arrival order and ends when every source ended', async () => {
    const seen: string[] = [];
    for await (const v of mergeAsync([timed([['a1', 5], ['a2', 40]]), timed([['b1', 20]])])) seen.push(v);
    expect(seen).toEqual(['a1', 'b1', 'a2']);
  });

  it('ends at once with no sources, and passes a source error on', async () => {
    const none: string[] = [];
    for await (const v of mergeAsync<string>([])) none.push(v);
    expect(none).toEqual([]);
    // eslint-disable-next-line require-yield
    const failing = (async function* () {
      throw new Error('boom');
    })();
    await expect(async () => {
      for await (const _ of mergeAsync([failing])) void _;
    }).rejects.toThrow('boom');
  });

  it('with one source, passes it through and lets it clean up when the consumer stops early', async () => {
    let cleaned = false;
    const one = (async function* () {
      try {
        yield 'x';
        yield 'y';
      } finally {
        cleaned = true;
      }
    })();
    const seen: string[] = [];
    for await (const v of mergeAsync([one])) {
      seen.push(v);
      break;
    }
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['x']);
    expect(cleaned).toBe(true);
  });
});
