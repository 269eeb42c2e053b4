// A spec file for the guest spec runner's own test: what the katamon specs use, passing and failing.
import { expect as imported } from 'vitest';

const order: string[] = [];
beforeAll(() => {
  order.push('beforeAll');
});

describe('outer', () => {
  beforeEach(() => {
    order.push('beforeEach');
  });
  afterEach(() => {
    order.push('afterEach');
  });
  it('passes', () => {
    expect(1n).toBe(1n);
    imported([1, { a: 2n }]).toEqual([1, { a: 2n }]);
    expect(new Map([['k', 1]])).toEqual(new Map([['k', 1]]));
  });
  it('fails', () => {
    expect({ a: 1 }).toEqual({ a: 2 });
  });
  it.each([
    [1, 'one'],
    [2, 'two'],
  ])('row %i is %s', (n, name) => {
    expect(n).toBeGreaterThan(0);
    expect(name).toHaveLength(3);
  });
  it('skips', ({ skip }) => {
    skip('not here');
  });
  it('matches thrown objects and rejections', async () => {
    const gone = Object.assign(new Error('x'), { kind: 'gone' });
    expect(() => {
      throw gone;
    }).toThrow(expect.objectContaining({ kind: 'gone' }));
    await expect(Promise.reject(new Error('no'))).rejects.toThrow('no');
    expect.soft([1, 2]).toContain(2);
  });
});

describe('broken setup', () => {
  beforeAll(() => {
    throw new Error('setup failed');
  });
  it('never runs', () => undefined);
});

describe(
  // describe titles a function by its name
  function named(): number {
    return 0;
  },
  () => {
    it('ran the hooks in order', () => {
      // beforeAll once, then beforeEach/afterEach around each of the six tests of "outer".
      expect(order).toEqual(['beforeAll', ...Array.from({ length: 6 }, () => ['beforeEach', 'afterEach']).flat()]);
    });
  },
);
