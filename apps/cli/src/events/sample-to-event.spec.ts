import { encodeEvent, type Sample } from '@katamon/core';
import { sampleToEvent } from './sample-to-event.js';

describe(sampleToEvent, () => {
  const sample: Sample = {
    id: 'c1',
    timestamp: 5,
    stats: {},
    sources: ['cgroup-v1'],
    issues: [],
    identity: { engine: 'docker', name: 'web1', image: 'local/busybox:1' },
  };

  it('carries the container’s identity to the full schema, and nowhere else', () => {
    const event = sampleToEvent(sample);
    expect(encodeEvent(event, 'full')).toBe(
      '{"type":"stats","id":"c1","schema_version":1,"timestamp":5,"sources":["cgroup-v1"],"issues":[],' +
        '"identity":{"engine":"docker","name":"web1","image":"local/busybox:1"},"data":{}}',
    );
    expect(encodeEvent(event, 'kata')).not.toContain('web1');
  });
});
