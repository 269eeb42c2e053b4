import { fc, test } from '@fast-check/vitest';
import type { ContainerRef } from '../ports/container-ref.js';
import type { Stats, StatsSection } from '../model/stats.js';
import { STATS_SECTIONS } from '../model/stats.js';
import { mergeSourceResults, type SourceOutcome } from './merge-source-results.js';

const runc: ContainerRef = { id: 'c1', runtime: 'runc', resolver: 'runc', status: 'running' };
const kata: ContainerRef = { id: 'c2', runtime: 'kata', resolver: 'kata', status: 'running', sandbox: { id: 's' } };
const pids = (current: bigint) => ({ current, limit: 0n });

describe(mergeSourceResults, () => {
  it('prefers host cgroups for runc and the agent for kata, whole section at a time', () => {
    const outcomes: SourceOutcome[] = [
      { source: 'kata-agent', result: { stats: { pids: pids(1n) } } },
      { source: 'cgroup-v2', result: { stats: { pids: pids(2n), hugetlb: new Map() } } },
    ];
    expect(mergeSourceResults(runc, outcomes).stats.pids?.current).toBe(2n);
    const forKata = mergeSourceResults(kata, outcomes);
    expect(forKata.stats.pids?.current).toBe(1n);
    // The agent lacks hugetlb: the next source in precedence fills it.
    expect(forKata.stats.hugetlb).toBeInstanceOf(Map);
    expect(forKata.sources).toEqual(['kata-agent', 'cgroup-v2']);
  });

  it('ranks plugin sources after the first-party ones, in the order given', () => {
    const outcomes: SourceOutcome[] = [
      { source: 'acme', result: { stats: { pids: pids(9n) } } },
      { source: 'zeta', result: { stats: { pids: pids(8n), cpuset: undefined } } },
      { source: 'cgroup-v1', result: { stats: { pids: pids(3n) } } },
    ];
    expect(mergeSourceResults(runc, outcomes).stats.pids?.current).toBe(3n);
    expect(mergeSourceResults(runc, outcomes.slice(0, 2))).toEqual({ stats: { pids: pids(9n) }, sources: ['acme'] });
  });

  it('lists only sources that won a section', () => {
    const outcomes: SourceOutcome[] = [
      { source: 'netns', result: { stats: {} } },
      { source: 'cgroup-v2', result: { stats: { pids: pids(1n) } } },
    ];
    expect(mergeSourceResults(runc, outcomes).sources).toEqual(['cgroup-v2']);
  });

  const names = ['kata-agent', 'cgroup-v2', 'cgroup-v1', 'netns', 'p1', 'p2'];
  const outcomeArb = fc.uniqueArray(
    fc.record({ source: fc.constantFrom(...names), sections: fc.subarray([...STATS_SECTIONS]) }),
    { selector: (o) => o.source, maxLength: names.length },
  );

  test.prop([outcomeArb, fc.boolean()])('every section comes whole from its best-ranked producer', (specs, isKata) => {
    const ref = isKata ? kata : runc;
    const outcomes: SourceOutcome[] = specs.map(({ source, sections }) => {
      const stats: Record<string, unknown> = {};
      for (const s of sections) stats[s] = s === 'hugetlb' ? new Map() : s === 'runcInterfaces' ? [] : { from: source };
      return { source, result: { stats: stats as Stats } };
    });
    const order = isKata
      ? ['kata-agent', 'cgroup-v2', 'cgroup-v1', 'netns']
      : ['cgroup-v2', 'cgroup-v1', 'netns', 'kata-agent'];
    const rank = (name: string) =>
      order.includes(name) ? order.indexOf(name) : 10 + specs.findIndex((s) => s.source === name);
    const merged = mergeSourceResults(ref, outcomes);
    const winners = new Set<string>();
    for (const section of STATS_SECTIONS as readonly StatsSection[]) {
      const producers = outcomes
        .filter((o) => o.result.stats[section] !== undefined)
        .sort((a, b) => rank(a.source) - rank(b.source));
      expect(merged.stats[section]).toBe(producers[0]?.result.stats[section]);
      if (producers[0] !== undefined) winners.add(producers[0].source);
    }
    expect(merged.sources).toEqual([...winners].sort((a, b) => rank(a) - rank(b)));
  });
});
