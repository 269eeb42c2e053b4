import { parseLabelSelector, type ContainerFilter } from '@katamon/core';
import type { FlagValues } from '../settings/global-settings.js';

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `--engine`, `--label k=v` and `--name` (each repeatable) as a core filter; a bad label is a usage error. */
export function containerFilterOf(flags: FlagValues): ContainerFilter {
  const filter: ContainerFilter = {};
  const engines = list(flags['engine']);
  if (engines.length > 0) filter.engines = engines;
  const labels = list(flags['label']).map(parseLabelSelector);
  if (labels.length > 0) filter.labels = labels;
  const names = list(flags['name']);
  if (names.length > 0) filter.names = names;
  return filter;
}
