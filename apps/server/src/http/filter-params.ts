import { parseLabelSelector, type ContainerFilter } from '@katamon/core';
import { HttpError } from './http-error.js';
import { readQuery } from './query-params.js';

/** Query parameters that filter a listing, each repeatable (`?label=a=1&label=b`), as the CLI's flags. */
export const FILTER_PARAMS = ['engine', 'label', 'name'] as const;

/** Repeats of one filter parameter that a request may carry. */
const MAX_REPEATS = 32;

/**
 * The query string of a listing route: `allowed` parameters once each (as {@link readQuery}), plus the filter
 * parameters `engine`, `label` (`key=value` or `key`) and `name`, each any number of times. Unknown names and a
 * label without a key are 400s.
 */
export function readFilteredQuery(
  raw: unknown,
  allowed: readonly string[],
): { query: Record<string, string>; filter: ContainerFilter } {
  const all = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const single: Record<string, unknown> = {};
  const lists: Partial<Record<(typeof FILTER_PARAMS)[number], string[]>> = {};
  for (const [name, value] of Object.entries(all)) {
    if (!(FILTER_PARAMS as readonly string[]).includes(name)) {
      single[name] = value;
      continue;
    }
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (values.length > MAX_REPEATS)
      throw new HttpError(
        400,
        'INVALID_ARGUMENT',
        `query parameter "${name}" given more than ${MAX_REPEATS} times`,
        'invalid-argument',
      );
    lists[name as (typeof FILTER_PARAMS)[number]] = values;
  }
  const query = readQuery(single, allowed);
  const filter: ContainerFilter = {};
  if (lists.engine !== undefined) filter.engines = lists.engine;
  if (lists.name !== undefined) filter.names = lists.name;
  if (lists.label !== undefined) {
    try {
      filter.labels = lists.label.map(parseLabelSelector);
    } catch (error) {
      throw new HttpError(400, 'INVALID_ARGUMENT', (error as Error).message, 'invalid-argument');
    }
  }
  return { query, filter };
}
