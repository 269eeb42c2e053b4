import { fc, test } from '@fast-check/vitest';
import { statsArbitrary } from '../arbitraries/stats.arbitrary.js';
import { checkIssues, checkStats } from './check-stats.js';

const entry = { limit: 1n, usage: 2n, max: 3n, failcnt: 0n };

describe(checkStats, () => {
  test.prop([fc.constantFrom('kata', 'runc', 'full' as const).chain((schema) => statsArbitrary({ schema }))], {
    numRuns: 60,
  })('accepts every Stats the model allows', (stats) => {
    expect(checkStats(stats)).toEqual([]);
  });

  it.each<[unknown, string[]]>([
    [{}, []],
    [null, ['stats: not an object']],
    [{ pids: { current: 1, limit: 0n } }, ['stats.pids.current: expected a bigint, got number']],
    [
      { pids: { current: -1n, limit: 2n ** 64n } },
      ['stats.pids.current: out of range (below 0)', 'stats.pids.limit: out of range (above 2^64-1)'],
    ],
    [{ pids: { current: 1n } }, ['stats.pids.limit: missing']],
    [{ pids: { current: 1n, limit: 0n, extra: 1n } }, ['stats.pids: unknown field "extra"']],
    [{ bogus: {} }, ['stats.bogus: not a section of the model']],
    [
      { hugetlb: { '2MB': { usage: 1n, max: 1n, failcnt: 0n } } },
      ['stats.hugetlb: expected a Map (keys come from the kernel)'],
    ],
    [{ hugetlb: new Map([['2MB', { usage: 1n, max: 1n }]]) }, ['stats.hugetlb.get("2MB").failcnt: missing']],
    [
      {
        memory: {
          cache: 0n,
          usage: entry,
          swap: entry,
          kernel: entry,
          kernelTCP: entry,
          raw: new Map([['rss', 5]]),
          useHierarchy: 1,
        },
      },
      ['stats.memory.raw.get("rss"): expected a bigint, got number', 'stats.memory.useHierarchy: expected a boolean'],
    ],
    [{ runcInterfaces: {} }, ['stats.runcInterfaces: expected an array']],
    [{ intelRdt: {} }, []],
    [
      { cpuset: { cpus: [0, 'x'] } },
      expect.arrayContaining([
        'stats.cpuset.cpus[1]: expected an integer in 0..65535',
        'stats.cpuset.schedRelaxDomainLevel: missing',
      ]),
    ],
  ])('%o → %o', (stats, problems) => {
    expect(checkStats(stats)).toEqual(problems);
  });
});

describe(checkIssues, () => {
  it('checks source, kind and message of every issue', () => {
    expect(checkIssues(undefined)).toEqual([]);
    expect(checkIssues([{ source: 's', kind: 'io', message: 'm', path: '/p' }])).toEqual([]);
    expect(checkIssues([{ source: '', kind: 'oops', message: 1, path: 2 }, 3])).toEqual([
      'issues[0].source: not a non-empty string',
      'issues[0].kind: oops is not an error kind',
      'issues[0].message: not a string',
      'issues[0].path: not a string',
      'issues[1]: not an object',
    ]);
  });
});
