import { SysfsError } from '@katamon/sysfs';
import { parsePsi, readPsi } from './psi.js';
import { parseIoStat } from './io.js';
import { readPids } from './pids.js';
import { readHugetlb } from './hugetlb.js';
import { parseCpuStat } from './cpu.js';
import { writeTree, fakeTreeReader } from './fake-tree.spec-helper.js';

function parseError(fn: () => unknown): SysfsError {
  try {
    fn();
  } catch (error) {
    if (SysfsError.isKind(error, 'parse')) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('psi', () => {
  it('parses some and full, ignoring unknown keys and lines', () => {
    const psi = parsePsi(
      'some avg10=1.50 avg60=0.25 avg300=0.00 total=123 extra=9\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=7\nother x\n',
      '/p',
    );
    expect(psi.some).toEqual({
      avg10: 1.5,
      avg60: 0.25,
      avg300: 0,
      total: 123n,
    });
    expect(psi.full.total).toBe(7n);
  });
  it('leaves full zero when the line is absent (older kernels, cpu.pressure < 5.13)', () => {
    expect(parsePsi('some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n', '/p').full).toEqual({
      avg10: 0,
      avg60: 0,
      avg300: 0,
      total: 0n,
    });
  });
  it('rejects a token without "=" naming the file', () => {
    expect(parseError(() => parsePsi('some avg10\n', '/cg/cpu.pressure')).path).toBe('/cg/cpu.pressure');
    expect(() => parsePsi('some total=-1\n', '/p')).toThrow(SysfsError);
    expect(() => parsePsi('some avg10=abc\n', '/p')).toThrow(SysfsError);
  });
  it('is absent when the file is missing', () => {
    const t = writeTree({});
    expect(readPsi(`${t.dir}/cpu.pressure`, fakeTreeReader)).toBeUndefined();
    t.cleanup();
  });
});

describe('io.stat', () => {
  it('maps rbytes/wbytes/rios/wios per device in file order', () => {
    const blkio = parseIoStat(
      '8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n253:1 rbytes=1 wbytes=0 rios=3 wios=0 junk\n',
      '/io',
    );
    expect(blkio.ioServiceBytesRecursive).toEqual([
      { major: 8n, minor: 0n, op: 'Read', value: 4096n },
      { major: 8n, minor: 0n, op: 'Write', value: 8192n },
      { major: 253n, minor: 1n, op: 'Read', value: 1n },
      { major: 253n, minor: 1n, op: 'Write', value: 0n },
    ]);
    expect(blkio.ioServicedRecursive).toHaveLength(4);
    expect(blkio.ioQueueRecursive).toEqual([]);
  });
  it('skips lines without a device and rejects bad numbers', () => {
    expect(parseIoStat('nodevice rbytes=1\n\n', '/io').ioServiceBytesRecursive).toEqual([]);
    expect(parseError(() => parseIoStat('8:0 rbytes=x\n', '/cg/io.stat')).path).toBe('/cg/io.stat');
    expect(() => parseIoStat('a:0 rbytes=1\n', '/io')).toThrow(SysfsError);
  });
});

describe('cpu.stat', () => {
  it('converts µs to ns and maps throttling', () => {
    const cpu = parseCpuStat(
      'usage_usec 1\nuser_usec 2\nsystem_usec 3\nnr_periods 4\nnr_throttled 5\nthrottled_usec 6\nnr_bursts 7\nburst_usec 8\n',
      '/c',
    );
    expect(cpu.usage).toMatchObject({
      total: 1000n,
      user: 2000n,
      kernel: 3000n,
    });
    expect(cpu.throttling).toEqual({
      periods: 4n,
      throttledPeriods: 5n,
      throttledTime: 6000n,
    });
  });
  it('rejects max inside a key value file', () => {
    expect(parseError(() => parseCpuStat('usage_usec max\n', '/cg/cpu.stat')).path).toBe('/cg/cpu.stat');
  });
});

describe('pids', () => {
  it('max → 0; a literal 2^64−1 too', () => {
    const a = writeTree({ 'pids.current': '4\n', 'pids.max': 'max\n' });
    expect(readPids(a.dir, fakeTreeReader)).toEqual({ current: 4n, limit: 0n });
    a.cleanup();
    const b = writeTree({
      'pids.current': '4\n',
      'pids.max': '18446744073709551615\n',
    });
    expect(readPids(b.dir, fakeTreeReader).limit).toBe(0n);
    b.cleanup();
  });
  it('falls back to counting cgroup.procs lines when pids is not enabled', () => {
    const t = writeTree({ 'cgroup.procs': '' });
    expect(readPids(t.dir, fakeTreeReader)).toEqual({ current: 0n, limit: 0n });
    t.cleanup();
  });
  it('pids.current without pids.max is an error', () => {
    const t = writeTree({ 'pids.current': '1\n' });
    expect(() => readPids(t.dir, fakeTreeReader)).toThrow(expect.objectContaining({ kind: 'not-found' }));
    t.cleanup();
  });
});

describe('hugetlb', () => {
  it('prefers rsvd.current, falls back for this and later sizes once it is missing', () => {
    const t = writeTree({
      'hugetlb.1GB.rsvd.current': '111\n',
      'hugetlb.1GB.current': '1\n',
      'hugetlb.1GB.events': 'max 9\n',
      'hugetlb.2MB.current': '2\n',
      'hugetlb.2MB.events': 'max 3\n',
      // Present, but the fallback is sticky: must not be used.
      'hugetlb.64KB.rsvd.current': '999\n',
      'hugetlb.64KB.current': '64\n',
      'hugetlb.64KB.events': '',
    });
    const map = readHugetlb(t.dir, ['1GB', '2MB', '64KB'], fakeTreeReader);
    expect([...map]).toEqual([
      ['1GB', { usage: 111n, max: 0n, failcnt: 9n }],
      ['2MB', { usage: 2n, max: 0n, failcnt: 3n }],
      ['64KB', { usage: 64n, max: 0n, failcnt: 0n }],
    ]);
    t.cleanup();
  });
  it('a missing events file is an error', () => {
    const t = writeTree({ 'hugetlb.2MB.current': '2\n' });
    expect(() => readHugetlb(t.dir, ['2MB'], fakeTreeReader)).toThrow(expect.objectContaining({ kind: 'not-found' }));
    t.cleanup();
  });
});

// A cgroup path may point at any file (a link to a secret, before the reader refused links): what is
// wrong is said, never the text.
describe('v2 parse errors name the file and what is wrong, and never quote the file', () => {
  const SECRET = 'root:$6$katamon-secret:19000';
  it.each<[string, () => unknown, string]>([
    ['an io.stat value', () => parseIoStat(`8:0 rbytes=${SECRET}\n`, '/cg/f'), 'a value is not an unsigned integer'],
    ['a PSI field', () => parsePsi(`some ${SECRET}\n`, '/cg/f'), "a some field without '='"],
    ['a PSI total', () => parsePsi(`full total=${SECRET}\n`, '/cg/f'), 'the full total is not an unsigned integer'],
    ['a PSI average', () => parsePsi(`some avg10=${SECRET}\n`, '/cg/f'), 'the some avg10 is not a number'],
  ])('%s', (_what, parse, problem) => {
    expect(parse).toThrow(expect.objectContaining({ message: `unable to parse /cg/f: ${problem}` }));
  });
});
