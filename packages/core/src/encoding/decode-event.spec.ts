import { KatamonError } from '../errors/katamon-error.js';
import { decodeEvent } from './decode-event.js';
import type { StatsEvent } from '../model/event.js';

function parseError(text: string, schema: 'kata' | 'runc' | 'full' = 'kata'): string {
  try {
    decodeEvent(text, schema);
  } catch (e) {
    expect(KatamonError.isKind(e, 'parse')).toBe(true);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a parse error');
}

describe('decodeEvent', () => {
  it('keeps integers exact beyond 2^53', () => {
    const e = decodeEvent(
      '{"type":"stats","id":"x","data":{"pids":{"current":18446744073709551615}}}',
      'kata',
    ) as StatsEvent;
    expect(e.data?.pids?.current).toBe(18446744073709551615n);
  });

  it('reads omitted keys as zero values and ignores unknown keys, as Go does', () => {
    const e = decodeEvent('{"type":"stats","id":"x","data":{"future":1,"cpu":{}}}', 'runc') as StatsEvent;
    expect(e.data?.cpu?.usage.total).toBe(0n);
    expect(e.data?.cpuset?.cpus).toEqual([]);
    expect(e.data?.runcInterfaces).toBeUndefined();
  });

  it('reads oom and a missing data', () => {
    expect(decodeEvent('{"type":"oom","id":"x"}', 'runc')).toEqual({ type: 'oom', id: 'x' });
    expect(decodeEvent('{"type":"stats","id":"x"}', 'kata')).toEqual({ type: 'stats', id: 'x', data: null });
  });

  it.each([
    ['', /unexpected end of input/],
    ['{"type":"stats",}', /offset 16/],
    ['[1]', /cannot decode array as object at event/],
    ['{"type":"stats","id":"x"} x', /after the top-level value/],
    ['{"type":"boom","id":"x"}', /unknown event type "boom"/],
    ['{"type":"stats","id":"x","data":{"pids":{"current":-1}}}', /integer -1 as uint64 at data\.pids\.current/],
    ['{"type":"stats","id":"x","data":{"pids":{"current":18446744073709551616}}}', /as uint64/],
    ['{"type":"stats","id":"x","data":{"pids":{"current":1.0}}}', /number 1 as uint64/],
    ['{"type":"stats","id":"x","data":{"pids":{"current":"1"}}}', /string as uint64/],
    ['{"type":"stats","id":"x","data":{"memory":{"raw":{"a":true}}}}', /boolean as uint64 at data\.memory\.raw\["a"\]/],
    ['{"type":"stats","id":"\u0001"}', /in a string/],
    ['{"type":"stats","id":"\\x"}', /after a backslash/],
    ['{"type":"stats","id":"x","data":' + '['.repeat(100) + ']'.repeat(100) + '}', /nested deeper/],
  ])('rejects %j', (text, message) => {
    expect(parseError(text)).toMatch(message);
  });

  it('runc: rejects a float64 literal out of range, as Go does', () => {
    const text = '{"type":"stats","id":"x","data":{"cpu":{"psi":{"some":{"avg10":1e400}}}}}';
    expect(parseError(text, 'runc')).toMatch(/number Infinity as float64 at data\.cpu\.psi\.some\.avg10/);
  });

  it('full: rejects another schema_version and an unknown origin', () => {
    expect(parseError('{"type":"stats","id":"x","schema_version":2,"data":{}}', 'full')).toMatch(/schema_version 2/);
    expect(parseError('{"type":"stats","id":"x","data":{"network":{"origin":"moon"}}}', 'full')).toMatch(
      /origin "moon"/,
    );
  });
});
