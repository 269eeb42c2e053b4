import { STATS_SECTIONS, type StatsSection } from '../model/stats.js';
import type { SourceResult } from '../ports/stats-source.js';

const sections = new Set<string>(STATS_SECTIONS);

/**
 * A cheap shape check of a source's answer, run on every sample (sources may be third-party plugins).
 * Returns what is wrong, or undefined. The deep check (bigint counters, …) is the conformance suite's job.
 */
export function checkSourceResult(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'result is not an object';
  const { stats, issues } = value as Partial<SourceResult>;
  if (typeof stats !== 'object' || stats === null || Array.isArray(stats)) return 'stats is not an object';
  if (issues !== undefined && !Array.isArray(issues)) return 'issues is not an array';
  // Object.keys, not entries: one array per sample instead of a pair per section.
  for (const key of Object.keys(stats)) {
    const section = (stats as Record<string, unknown>)[key];
    if (!sections.has(key)) return `unknown section "${key}"`;
    if (section === undefined) continue;
    const problem = checkSection(key as StatsSection, section);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkSection(key: StatsSection, section: unknown): string | undefined {
  if (key === 'hugetlb') return section instanceof Map ? undefined : 'hugetlb is not a Map';
  if (key === 'runcInterfaces') return Array.isArray(section) ? undefined : 'runcInterfaces is not an array';
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return `${key} is not an object`;
  return undefined;
}

/** Whether a result carries any section at all. */
export function hasAnySection(result: SourceResult): boolean {
  const stats = result.stats as Record<string, unknown>;
  for (const key of Object.keys(stats)) if (stats[key] !== undefined) return true;
  return false;
}
