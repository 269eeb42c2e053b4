import { fc, test as propTest } from '@fast-check/vitest';
import { compareUtf8 } from './go-string.js';
import { sortedKeys } from './go-struct-encoders.js';

describe('sortedKeys (Go map key order, with recent orders remembered)', () => {
  // Few distinct keys, so sequences repeat, reorder and overlap the way samples of the same maps do.
  const key = fc.constantFrom('cache', 'rss', 'a', 'B', 'total_rss', '\u00e9', '\ud83d\ude00', '', 'pgfault');
  const keys = fc.uniqueArray(key, { maxLength: 9 });

  propTest.prop([fc.array(keys, { minLength: 1, maxLength: 40 })])(
    'always gives the keys in Go order, whatever came before',
    (sequences) => {
      for (const seq of sequences) {
        const map = new Map(seq.map((k) => [k, 0n]));
        expect(sortedKeys(map)).toEqual([...seq].sort(compareUtf8));
      }
    },
  );

  it('answers a key sequence seen before with the same order, without touching the map', () => {
    const map = new Map([
      ['rss', 1n],
      ['cache', 2n],
      ['active_anon', 3n],
    ]);
    const first = sortedKeys(map);
    expect(first).toEqual(['active_anon', 'cache', 'rss']);
    expect(sortedKeys(new Map(map))).toBe(first);
    expect([...map.keys()]).toEqual(['rss', 'cache', 'active_anon']);
  });
});
