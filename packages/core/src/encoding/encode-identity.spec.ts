import { decodeEvent } from './decode-event.js';
import { encodeEvent } from './encode-event.js';
import type { StatsEvent } from '../model/event.js';

describe('the full schema’s identity object', () => {
  const event: StatsEvent = {
    type: 'stats',
    id: 'c1',
    data: {},
    sample: {
      timestamp: 1,
      sources: [],
      issues: [],
      identity: {
        engine: 'containerd',
        namespace: 'k8s.io',
        name: 'nginx',
        image: 'docker.io/library/nginx:1.25',
        labels: { z: '1', __proto__: '<b>', a: '2' } as Record<string, string>,
        pod: { name: 'web', namespace: 'shop', uid: 'u1', container: 'nginx', type: 'container', sandboxId: 's1' },
      },
    },
  };
  Object.defineProperty(event.sample?.identity?.labels, '__proto__', { value: '<b>', enumerable: true });

  it('comes after issues and before data, with sorted labels and snake_case pod keys', () => {
    expect(encodeEvent(event, 'full')).toBe(
      '{"type":"stats","id":"c1","schema_version":1,"timestamp":1,"sources":[],"issues":[],' +
        '"identity":{"engine":"containerd","namespace":"k8s.io","name":"nginx","image":"docker.io/library/nginx:1.25",' +
        '"labels":{"__proto__":"\\u003cb\\u003e","a":"2","z":"1"},' +
        '"pod":{"name":"web","namespace":"shop","uid":"u1","container":"nginx","type":"container","sandbox_id":"s1"}},' +
        '"data":{}}',
    );
  });

  it('decodes back, a `__proto__` label included', () => {
    const back = decodeEvent(encodeEvent(event, 'full'), 'full') as StatsEvent;
    expect(back.sample?.identity).toEqual(event.sample?.identity);
    expect(Object.keys(back.sample?.identity?.labels ?? {})).toContain('__proto__');
  });

  it('is not printed by the kata and runc schemas', () => {
    expect(encodeEvent(event, 'kata')).not.toContain('identity');
    expect(encodeEvent(event, 'runc')).not.toContain('nginx');
  });
});
