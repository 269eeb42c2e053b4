import { SysfsError } from './sysfs-error.js';
import { UINT64_MAX } from './parse-uint.js';
import { parseKeyValueLine, parseKeyValueMap, parseSingleInt, parseSingleUint, valueByKey } from './cgroup-values.js';
import { parseMountinfo } from './mountinfo.js';
import { parseProcCgroup } from './proc-cgroup.js';

function parseErrorOf(fn: () => unknown): SysfsError {
  try {
    fn();
  } catch (error) {
    if (SysfsError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('single-value files', () => {
  it('trims, maps max to 2^64−1 and negatives to 0', () => {
    expect(parseSingleUint('12345\n', '/f')).toBe(12345n);
    expect(parseSingleUint('max\n', '/f')).toBe(UINT64_MAX);
    expect(parseSingleUint('-1\n', '/f')).toBe(0n);
    expect(parseSingleUint('9223372036854771712\n', '/f')).toBe(9223372036854771712n);
  });
  it('throws a parse error naming the file', () => {
    const error = parseErrorOf(() => parseSingleUint('12 34\n', '/cg/memory.max'));
    expect(error.kind).toBe('parse');
    expect(error.path).toBe('/cg/memory.max');
    expect(error.message).toContain('/cg/memory.max');
  });
  it('parses signed values with max → int64 max', () => {
    expect(parseSingleInt('-1\n', '/f')).toBe(-1n);
    expect(parseSingleInt('max', '/f')).toBe(9223372036854775807n);
    expect(() => parseSingleInt('x', '/f')).toThrow(SysfsError);
  });
});

describe('key value lines', () => {
  it('splits at the first single space', () => {
    expect(parseKeyValueLine('cache 4096', '/f')).toEqual(['cache', 4096n]);
    expect(parseKeyValueLine('neg -5', '/f')).toEqual(['neg', 0n]);
  });
  it.each(['cache', 'cache ', ' 5', 'cache  5', 'cache max', 'cache 1 2'])('rejects %j', (line) => {
    const error = parseErrorOf(() => parseKeyValueLine(line, '/cg/memory.stat'));
    expect(error.kind).toBe('parse');
    expect(error.path).toBe('/cg/memory.stat');
  });
  it('reads a whole file into a Map, in file order', () => {
    const map = parseKeyValueMap('b 2\na 1\n__proto__ 3\n', '/f');
    expect([...map.entries()]).toEqual([
      ['b', 2n],
      ['a', 1n],
      ['__proto__', 3n],
    ]);
  });
  it('rejects an empty line in the middle', () => {
    expect(() => parseKeyValueMap('a 1\n\nb 2\n', '/f')).toThrow(SysfsError);
  });
  it('parses short and long, negative and CRLF values like the line parser, and rejects the same lines', () => {
    const map = parseKeyValueMap(
      'a 1\r\nb 18446744073709551615\nc -3\nd 0\ne 123456789012345\nf 1234567890123456\n',
      '/f',
    );
    expect([...map.entries()]).toEqual([
      ['a', 1n],
      ['b', 18446744073709551615n],
      ['c', 0n],
      ['d', 0n],
      ['e', 123456789012345n],
      ['f', 1234567890123456n],
    ]);
    for (const bad of ['a  1', 'a 1 ', 'a 1x', ' a 1', 'a ', 'a', 'a 1\nb 2 3'])
      expect(() => parseKeyValueMap(bad, '/f'), bad).toThrow(SysfsError);
  });
});

describe('valueByKey', () => {
  const text = 'oom_kill_disable 0\nunder_oom 0\noom_kill 3\n';
  it('finds the first line starting with "<key> "', () => {
    expect(valueByKey(text, 'oom_kill', '/f')).toBe(3n);
    expect(valueByKey(text, 'under_oom', '/f')).toBe(0n);
  });
  it('is 0 when no line matches', () => {
    expect(valueByKey(text, 'oom', '/f')).toBe(0n);
    expect(valueByKey('', 'max', '/f')).toBe(0n);
  });
  it('throws on a malformed value', () => {
    expect(() => valueByKey('max x\n', 'max', '/f')).toThrow(SysfsError);
  });
});

// A cgroup path may point at any file (a link to a secret, before the reader refused links): what is
// wrong is said, never the text.
describe('parse errors name the file and what is wrong, and never quote the file', () => {
  const SECRET = 'root:$6$katamon-secret:19000';
  it.each<[string, () => unknown, string]>([
    ['a single value', () => parseSingleUint(`${SECRET}\n`, '/cg/a'), 'not an unsigned integer'],
    ['a signed value', () => parseSingleInt(`${SECRET}\n`, '/cg/a'), 'not a signed integer'],
    ['a key value line', () => parseKeyValueMap(`${SECRET}\n`, '/cg/a'), 'a line is not in "key value" format'],
    ['a key value', () => parseKeyValueMap(`cache ${SECRET}\n`, '/cg/a'), "a line's value is not an unsigned integer"],
    [
      'a value by key',
      () => valueByKey(`oom_kill ${SECRET}\n`, 'oom_kill', '/cg/a'),
      'the value of oom_kill is not an unsigned integer',
    ],
    ['a mountinfo line', () => parseMountinfo(`${SECRET}\n`, '/cg/a'), 'a malformed mountinfo line'],
    ['a /proc/<pid>/cgroup line', () => parseProcCgroup(`${SECRET}\n`, '/cg/a'), 'a malformed line'],
  ])('%s', (_what, parse, problem) => {
    expect(parse).toThrow(expect.objectContaining({ message: `unable to parse /cg/a: ${problem}` }));
  });
});
