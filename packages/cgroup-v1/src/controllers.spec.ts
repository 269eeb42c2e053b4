import { SysfsError } from '@katamon/sysfs';
import { readCpuacct, parseCpuacctStat, parsePercpu, parseUsageAll } from './cpuacct.js';
import { parseBlkioFile } from './blkio.js';
import { readCpu } from './cpu.js';
import { readPids } from './pids.js';
import { readHugetlb } from './hugetlb.js';
import { parseCpusetList, readCpuset } from './cpuset.js';
import { writeTree, fakeTreeReader } from './fake-tree.spec-helper.js';

function withTree<T>(files: Record<string, string>, fn: (dir: string) => T): T {
  const tree = writeTree(files);
  try {
    return fn(tree.dir);
  } finally {
    tree.cleanup();
  }
}

function parseError(fn: () => unknown): SysfsError {
  try {
    fn();
  } catch (error) {
    if (SysfsError.isKind(error, 'parse')) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('cpuacct', () => {
  const files = {
    'cpuacct.stat': 'user 15\nsystem 4\n',
    'cpuacct.usage': '206591019\n',
    'cpuacct.usage_percpu': '159063805 47527214 \n',
    'cpuacct.usage_all': 'cpu user system\n0 155983531 31692965\n1 28000000 23972979\n',
  };
  it('reads total, per-CPU and USER_HZ ticks as ns', () => {
    expect(withTree(files, (d) => readCpuacct(d, fakeTreeReader))).toEqual({
      total: 206591019n,
      percpu: [159063805n, 47527214n],
      percpuUser: [155983531n, 28000000n],
      percpuKernel: [31692965n, 23972979n],
      user: 150000000n,
      kernel: 40000000n,
    });
  });
  it('usage_all is optional (kernel < 4.7): empty lists', () => {
    const { ['cpuacct.usage_all']: _omit, ...rest } = files;
    const usage = withTree(rest, (d) => readCpuacct(d, fakeTreeReader));
    expect(usage.percpuUser).toEqual([]);
    expect(usage.percpuKernel).toEqual([]);
  });
  it('cpuacct.usage_percpu is required', () => {
    const { ['cpuacct.usage_percpu']: _omit, ...rest } = files;
    expect(() => withTree(rest, (d) => readCpuacct(d, fakeTreeReader))).toThrow(
      expect.objectContaining({ kind: 'not-found' }),
    );
  });
  it('ticks × 10^9 wraps in uint64 before dividing, like runc', () => {
    const ticks = 18446744073709551615n / 1_000_000_000n + 5n;
    const expectedNs = BigInt.asUintN(64, ticks * 1_000_000_000n) / 100n;
    expect(parseCpuacctStat(`user ${ticks}\nsystem 0\n`, '/s').user).toBe(expectedNs);
  });
  it.each(['system 1\nuser 2\n', 'user 1\n', 'user x\nsystem 1\n', 'user -1\nsystem 1\n'])(
    'malformed stat %j',
    (text) => {
      expect(parseError(() => parseCpuacctStat(text, '/cg/cpuacct.stat')).path).toBe('/cg/cpuacct.stat');
    },
  );
  it('usage_all: skips short lines, rejects a bad header or value', () => {
    expect(parseUsageAll('cpu user system\n0 1 2\n3\n1 4 5 extra\n', '/a')).toEqual({
      user: [1n, 4n],
      kernel: [2n, 5n],
    });
    expect(() => parseUsageAll('cpu system user\n0 1 2\n', '/a')).toThrow(SysfsError);
    expect(() => parseUsageAll('cpu user system\n0 x 2\n', '/a')).toThrow(SysfsError);
  });
  it('rejects a bad per-cpu value naming the file', () => {
    const error = withTree({ ...files, 'cpuacct.usage_percpu': '1 two 3\n' }, (d) =>
      parseError(() => readCpuacct(d, fakeTreeReader)),
    );
    expect(error.path).toMatch(/cpuacct\.usage_percpu$/);
  });
});

describe('cpu (throttling)', () => {
  it('reads nr_periods, nr_throttled, throttled_time (ns) and ignores burst keys', () => {
    const t = withTree(
      {
        'cpu.stat': 'nr_periods 20\nnr_throttled 7\nthrottled_time 475891643\nnr_bursts 0\nburst_time 0\n',
      },
      (d) => readCpu(d, fakeTreeReader),
    );
    expect(t).toEqual({
      periods: 20n,
      throttledPeriods: 7n,
      throttledTime: 475891643n,
    });
  });
  it('a missing cpu.stat reads as zero', () => {
    expect(withTree({}, (d) => readCpu(d, fakeTreeReader))).toEqual({
      periods: 0n,
      throttledPeriods: 0n,
      throttledTime: 0n,
    });
  });
  it('max inside a key value file is a parse error', () => {
    expect(
      withTree({ 'cpu.stat': 'nr_periods max\n' }, (d) => parseError(() => readCpu(d, fakeTreeReader))).path,
    ).toMatch(/cpu\.stat$/);
  });
});

describe('pids', () => {
  it('max → 0 (unlimited), numbers verbatim', () => {
    expect(withTree({ 'pids.current': '2\n', 'pids.max': 'max\n' }, (d) => readPids(d, fakeTreeReader))).toEqual({
      current: 2n,
      limit: 0n,
    });
    expect(withTree({ 'pids.current': '2\n', 'pids.max': '64\n' }, (d) => readPids(d, fakeTreeReader))).toEqual({
      current: 2n,
      limit: 64n,
    });
  });
  it('both files are required', () => {
    expect(() => withTree({ 'pids.current': '2\n' }, (d) => readPids(d, fakeTreeReader))).toThrow(
      expect.objectContaining({ kind: 'not-found' }),
    );
  });
});

describe('hugetlb', () => {
  it('uses rsvd files while they exist, then non-rsvd for this and later sizes', () => {
    const map = withTree(
      {
        'hugetlb.1GB.rsvd.usage_in_bytes': '1\n',
        'hugetlb.1GB.rsvd.max_usage_in_bytes': '2\n',
        'hugetlb.1GB.rsvd.failcnt': '3\n',
        'hugetlb.2MB.usage_in_bytes': '4\n',
        'hugetlb.2MB.max_usage_in_bytes': '5\n',
        'hugetlb.2MB.failcnt': '6\n',
        'hugetlb.64KB.rsvd.usage_in_bytes': '999\n',
        'hugetlb.64KB.usage_in_bytes': '7\n',
        'hugetlb.64KB.max_usage_in_bytes': '8\n',
        'hugetlb.64KB.failcnt': '9\n',
      },
      (d) => readHugetlb(d, ['1GB', '2MB', '64KB'], fakeTreeReader),
    );
    expect([...map]).toEqual([
      ['1GB', { usage: 1n, max: 2n, failcnt: 3n }],
      ['2MB', { usage: 4n, max: 5n, failcnt: 6n }],
      ['64KB', { usage: 7n, max: 8n, failcnt: 9n }],
    ]);
  });
  it('a missing non-rsvd file is an error', () => {
    expect(() =>
      withTree({ 'hugetlb.2MB.usage_in_bytes': '4\n' }, (d) => readHugetlb(d, ['2MB'], fakeTreeReader)),
    ).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });
});

describe('cpuset', () => {
  it('expands list syntax', () => {
    expect(parseCpusetList('0-3,8,10-11\n', '/c')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpusetList('5\n', '/c')).toEqual([5]);
  });
  it.each(['\n', '3-1', '0-70000', 'a', '1,,2'])('rejects %j', (text) => {
    expect(parseError(() => parseCpusetList(text, '/cg/cpuset.cpus')).path).toBe('/cg/cpuset.cpus');
  });
  it('reads every flag, sched_relax_domain_level as signed', () => {
    const stats = withTree(
      {
        'cpuset.cpus': '0-1\n',
        'cpuset.mems': '0\n',
        'cpuset.cpu_exclusive': '0\n',
        'cpuset.mem_hardwall': '1\n',
        'cpuset.mem_exclusive': '0\n',
        'cpuset.memory_migrate': '1\n',
        'cpuset.memory_spread_page': '0\n',
        'cpuset.memory_spread_slab': '1\n',
        'cpuset.memory_pressure': '42\n',
        'cpuset.sched_load_balance': '1\n',
        'cpuset.sched_relax_domain_level': '-1\n',
      },
      (d) => readCpuset(d, fakeTreeReader),
    );
    expect(stats).toEqual({
      cpus: [0, 1],
      mems: [0],
      cpuExclusive: 0n,
      memHardwall: 1n,
      memExclusive: 0n,
      memoryMigrate: 1n,
      memorySpreadPage: 0n,
      memorySpreadSlab: 1n,
      memoryPressure: 42n,
      schedLoadBalance: 1n,
      schedRelaxDomainLevel: -1n,
    });
  });
  it('reads noprefix names, and every missing file as 0', () => {
    const stats = withTree({ cpus: '2-3\n', sched_relax_domain_level: 'max\n' }, (d) => readCpuset(d, fakeTreeReader));
    expect(stats.cpus).toEqual([2, 3]);
    expect(stats.mems).toEqual([]);
    expect(stats.schedLoadBalance).toBe(0n);
    expect(stats.schedRelaxDomainLevel).toBe(9223372036854775807n);
  });
});

// A cgroup path may point at any file (a link to a secret, before the reader refused links): what is
// wrong is said, never the text.
describe('v1 parse errors name the file and what is wrong, and never quote the file', () => {
  const SECRET = 'root:$6$katamon-secret:19000';
  it.each<[string, () => unknown, string]>([
    ['cpuacct.stat', () => parseCpuacctStat(`${SECRET}\n`, '/cg/f'), 'not "user <ticks>" then "system <ticks>"'],
    [
      'cpuacct.stat ticks',
      () => parseCpuacctStat(`user ${SECRET}\nsystem 1\n`, '/cg/f'),
      'the user ticks is not an unsigned integer',
    ],
    [
      'cpuacct.usage_percpu',
      () => parsePercpu(`1 ${SECRET}\n`, '/cg/f'),
      'the per-cpu usage is not an unsigned integer',
    ],
    [
      'cpuacct.usage_all header',
      () => parseUsageAll(`${SECRET}\n0 1 2\n`, '/cg/f'),
      'the header is not "cpu user system"',
    ],
    ['a blkio line', () => parseBlkioFile('katamon-secret\n', '/cg/f'), 'a line has fewer than three fields'],
    ['a blkio value', () => parseBlkioFile(`8:0 Read ${SECRET}\n`, '/cg/f'), 'a value is not an unsigned integer'],
    ['a cpuset list', () => parseCpusetList(`${SECRET}\n`, '/cg/f'), 'an id is not an integer from 0 to 65535'],
    ['a cpuset range', () => parseCpusetList('7-3\n', '/cg/f'), 'a range ends below its start'],
  ])('%s', (_what, parse, problem) => {
    expect(parse).toThrow(expect.objectContaining({ message: `unable to parse /cg/f: ${problem}` }));
  });
});
