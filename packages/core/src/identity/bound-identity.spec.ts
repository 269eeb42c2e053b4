import { fc, test } from '@fast-check/vitest';
import { IDENTITY_LIMITS } from '../model/container-identity.js';
import { boundIdentity, isBoundedIdentity } from './bound-identity.js';

describe(boundIdentity, () => {
  it('keeps well-formed values and marks the result as bounded', () => {
    const id = boundIdentity(
      { engine: 'docker', name: 'web', image: 'nginx', labels: { a: 'b' }, pod: { name: 'p', type: 'sandbox' } },
      'runc',
    );
    expect(id).toEqual({
      engine: 'docker',
      name: 'web',
      image: 'nginx',
      labels: { a: 'b' },
      pod: { name: 'p', type: 'sandbox' },
    });
    expect(isBoundedIdentity(id)).toBe(true);
    expect(isBoundedIdentity({ ...id })).toBe(false);
  });

  it('leaves out a 1 MB label value with one issue naming the label and the file, keeping the rest', () => {
    const huge = 'x'.repeat(1 << 20);
    const id = boundIdentity(
      { engine: 'docker', name: 'web', labels: { big: huge, ok: 'yes' } },
      'runc',
      'config.v2.json',
    );
    expect(id.labels).toEqual({ ok: 'yes' });
    expect(id.name).toBe('web');
    expect(id.issues).toEqual([
      `label "big" in config.v2.json is longer than ${IDENTITY_LIMITS.valueLength} characters: left out`,
    ]);
  });

  it('leaves out wrong types and keeps at most the label limit', () => {
    const labels = Object.fromEntries(Array.from({ length: IDENTITY_LIMITS.labels + 3 }, (_, i) => [`k${i}`, 'v']));
    const id = boundIdentity({ engine: 7, name: ['x'], labels, pod: { type: 'nope', uid: 3 } }, 'crun');
    expect(id.engine).toBe('crun');
    expect(id.name).toBeUndefined();
    expect(Object.keys(id.labels ?? {})).toHaveLength(IDENTITY_LIMITS.labels);
    expect(id.pod).toBeUndefined();
    expect(id.issues).toEqual([
      'engine is not a string: left out',
      'name is not a string: left out',
      `3 labels beyond the first ${IDENTITY_LIMITS.labels}: left out`,
      'pod uid is not a string: left out',
    ]);
  });

  test.prop([fc.anything()])('never throws and always names an engine', (value) => {
    const id = boundIdentity(value, 'runc');
    expect(typeof id.engine).toBe('string');
    for (const v of Object.values(id.labels ?? {})) expect(v.length).toBeLessThanOrEqual(IDENTITY_LIMITS.valueLength);
  });
});
