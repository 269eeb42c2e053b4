import { checkStats, MAX_STATS_ITEMS } from './check-stats.js';

const entry = { limit: 1n, usage: 2n, max: 3n, failcnt: 0n };
const cpu = (total: unknown) => ({
  usage: { total, percpu: [1n], percpuKernel: [], percpuUser: [], kernel: 0n, user: 0n },
  throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
});

describe(checkStats, () => {
  it('accepts complete sections, a missing optional field, and 0 and 2^64-1', () => {
    expect(checkStats({ cpu: cpu(0n), pids: { current: 2n ** 64n - 1n, limit: 0n } })).toEqual([]);
    expect(checkStats(Object.assign(Object.create(null), { pids: { current: 1n, limit: 0n } }))).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a string where a counter belongs', cpu('1,"x":2'), 'stats.cpu.usage.total: expected a bigint, got string'],
    ['a number where a counter belongs', cpu(1), 'stats.cpu.usage.total: expected a bigint, got number'],
    ['a negative counter', cpu(-1n), 'stats.cpu.usage.total: out of range (below 0)'],
    ['a counter past uint64', cpu(2n ** 64n), 'stats.cpu.usage.total: out of range (above 2^64-1)'],
    ['null', cpu(null), 'stats.cpu.usage.total: expected a bigint, got null'],
  ])('names the field of %s', (_what, section, problem) => {
    expect(checkStats({ cpu: section })).toEqual([problem]);
  });

  it('never quotes a value: a huge counter or string is named, not printed', () => {
    const huge = 10n ** 5000n;
    const [problem] = checkStats({ pids: { current: huge, limit: 0n } });
    expect(problem).toBe('stats.pids.current: out of range (above 2^64-1)');
    const name = 'x'.repeat(10_000);
    const iface = { name, rxBytes: 0n, rxPackets: 0n, rxErrors: 0n, rxDropped: 0n };
    const [long] = checkStats({
      runcInterfaces: [{ ...iface, txBytes: 0n, txPackets: 0n, txErrors: 0n, txDropped: 0n }],
    });
    expect(long).toBe('stats.runcInterfaces[0].name: longer than 4096 characters');
    const [key] = checkStats({ [name]: {} });
    expect(key?.length).toBeLessThan(100);
  });

  it('checks NaN and infinities, cpuset ids, holes in arrays and non-plain objects', () => {
    const psi = { avg10: Number.NaN, avg60: Infinity, avg300: 0, total: 0n };
    expect(checkStats({ cpu: { ...cpu(0n), psi: { some: psi, full: { ...psi, avg10: 0, avg60: 0 } } } })).toEqual([
      'stats.cpu.psi.some.avg10: expected a finite number',
      'stats.cpu.psi.some.avg60: expected a finite number',
    ]);
    const sparse = cpu(0n);
    sparse.usage.percpu = [1n, , 2n] as bigint[]; // eslint-disable-line no-sparse-arrays
    expect(checkStats({ cpu: sparse })).toEqual(['stats.cpu.usage.percpu[1]: expected a bigint, got undefined']);
    expect(checkStats({ pids: new Date() })).toEqual(['stats.pids: expected an object']);
    expect(
      checkStats({ memory: { cache: 0n, usage: entry, swap: entry, kernel: entry, kernelTCP: entry, raw: {} } }),
    ).toEqual(['stats.memory.raw: expected a Map (keys come from the kernel)']);
    expect(checkStats({ network: { origin: 'forged' } })).toContain(
      'stats.network.origin: expected one of netns, agent, agent-metrics, host-veth, plugin',
    );
  });

  it('bounds arrays and maps, and stops at the limit', () => {
    const many = cpu(0n);
    many.usage.percpu = new Array<bigint>(MAX_STATS_ITEMS + 1).fill(0n);
    expect(checkStats({ cpu: many })).toEqual([`stats.cpu.usage.percpu: more than ${MAX_STATS_ITEMS} items`]);
    const bad = { pids: { current: 'a', limit: 'b' }, bogus: 1, other: 2 };
    expect(checkStats(bad)).toHaveLength(4);
    expect(checkStats(bad, 1)).toEqual(['stats.pids.current: expected a bigint, got string']);
  });
});
