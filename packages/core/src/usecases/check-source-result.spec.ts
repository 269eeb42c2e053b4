import { checkSourceResult } from './check-source-result.js';

describe(checkSourceResult, () => {
  it.each([
    [{ stats: {} }, undefined],
    [{ stats: { pids: { current: 1n, limit: 0n } }, issues: [] }, undefined],
    [{ stats: { hugetlb: new Map(), runcInterfaces: [] } }, undefined],
    [{ stats: { cpu: undefined } }, undefined],
    [null, 'result is not an object'],
    [{}, 'stats is not an object'],
    [{ stats: [] }, 'stats is not an object'],
    [{ stats: {}, issues: 'x' }, 'issues is not an array'],
    [{ stats: { bogus: {} } }, 'unknown section "bogus"'],
    [{ stats: { hugetlb: {} } }, 'hugetlb is not a Map'],
    [{ stats: { runcInterfaces: {} } }, 'runcInterfaces is not an array'],
    [{ stats: { memory: 5 } }, 'memory is not an object'],
  ])('%o → %s', (value, problem) => {
    expect(checkSourceResult(value)).toBe(problem);
  });
});
