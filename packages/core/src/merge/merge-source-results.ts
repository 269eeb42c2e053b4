import type { ContainerRef } from '../ports/container-ref.js';
import type { SourceResult } from '../ports/stats-source.js';
import { STATS_SECTIONS, type Stats } from '../model/stats.js';
import { defaultSectionPrecedence, type SectionPrecedence } from './section-precedence.js';

/** One source's successful answer for one sample. */
export interface SourceOutcome {
  source: string;
  result: SourceResult;
}

export interface MergedStats {
  stats: Stats;
  /** Sources that won at least one section, best-ranked first. */
  sources: string[];
}

/**
 * Merges partial results section by section: for each section the best-ranked source that produced
 * it wins the whole section. Sources the precedence does not name rank after the named ones, in the
 * order given (plugin load order).
 */
export function mergeSourceResults(
  ref: ContainerRef,
  outcomes: readonly SourceOutcome[],
  precedence: SectionPrecedence = defaultSectionPrecedence,
): MergedStats {
  // One source answered (the common case): it wins every section it has; no ranking to do.
  if (outcomes.length === 1) return single(outcomes[0] as SourceOutcome);
  const stats: Stats = {};
  const winners = new Set<string>();
  // Precedence usually answers one list for every section: rank once per distinct list.
  const rankings = new Map<readonly string[], SourceOutcome[]>();
  const rankedBy = (named: readonly string[]): SourceOutcome[] => {
    let ranked = rankings.get(named);
    if (ranked === undefined) rankings.set(named, (ranked = rank(outcomes, named)));
    return ranked;
  };
  for (const section of STATS_SECTIONS) {
    const ranked = rankedBy(precedence(ref, section));
    const winner = ranked.find((o) => o.result.stats[section] !== undefined);
    if (winner === undefined) continue;
    (stats as Record<string, unknown>)[section] = winner.result.stats[section];
    winners.add(winner.source);
  }
  const order = rankedBy(precedence(ref, 'cpu')).map((o) => o.source);
  return { stats, sources: order.filter((name) => winners.has(name)) };
}

function rank(outcomes: readonly SourceOutcome[], named: readonly string[]): SourceOutcome[] {
  const score = (o: SourceOutcome, index: number): number => {
    const at = named.indexOf(o.source);
    return at === -1 ? named.length + index : at;
  };
  return outcomes
    .map((o, index) => ({ o, s: score(o, index) }))
    .sort((a, b) => a.s - b.s)
    .map(({ o }) => o);
}

function single(outcome: SourceOutcome): MergedStats {
  const stats: Stats = {};
  const from = outcome.result.stats;
  let any = false;
  for (const section of STATS_SECTIONS) {
    const value = from[section];
    if (value === undefined) continue;
    (stats as Record<string, unknown>)[section] = value;
    any = true;
  }
  return { stats, sources: any ? [outcome.source] : [] };
}
