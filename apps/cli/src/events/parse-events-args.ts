import { KatamonError, isEmptyFilter, parseGoDuration, type ContainerFilter, type SchemaName } from '@katamon/core';
import { containerFilterOf } from '../containers/container-filter-of.js';
import { parseGoFlags, usageError } from '../args/parse-go-flags.js';
import { EVENTS_OPTIONS, GLOBAL_OPTIONS } from '../options/option-specs.js';
import { checkChoice, type FlagValues } from '../settings/global-settings.js';

export interface EventsRequest {
  /** Ids as typed (empty with `all`). */
  ids: string[];
  all: boolean;
  intervalNs: bigint;
  stats: boolean;
  schema: SchemaName;
  pretty: boolean;
  /** Which containers `--all` follows (`--engine`, `--label`, `--name`). */
  filter: ContainerFilter;
}

export interface ParsedEventsArgs {
  request: EventsRequest;
  /** Every flag seen, for the global settings. */
  flags: FlagValues;
}

const DEFAULT_INTERVAL = '5s';

/** Go's flag error for a value its parser rejected, naming the value and the reason. */
function parseInterval(text: string): bigint {
  try {
    return parseGoDuration(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw usageError(`invalid value "${text}" for flag -interval: ${reason}`);
  }
}

/**
 * `events` arguments with kata-runtime's checks in kata-runtime's order: flag syntax, then a missing id,
 * then the interval (`<= 0`, checked even with --stats); container lookup comes after, in the runner.
 */
export function parseEventsArgs(args: readonly string[], leadingFlags: FlagValues = {}): ParsedEventsArgs {
  const parsed = parseGoFlags(args, [...GLOBAL_OPTIONS, ...EVENTS_OPTIONS]);
  const flags: Record<string, unknown> = { ...leadingFlags };
  for (const [name, value] of parsed.values) {
    const before = flags[name];
    flags[name] = Array.isArray(value) && Array.isArray(before) ? [...(before as string[]), ...value] : value;
  }
  const intervalNs = parseInterval(typeof flags.interval === 'string' ? flags.interval : DEFAULT_INTERVAL);
  const schema = checkChoice(
    typeof flags.schema === 'string' ? flags.schema : 'kata',
    ['kata', 'runc', 'full'] as const,
    'schema',
  );
  const all = flags.all === true;
  const ids = parsed.positionals;
  if (all && ids.length > 0) throw usageError('--all cannot be combined with container ids');
  const filter = containerFilterOf(flags);
  if (!all && !isEmptyFilter(filter)) throw usageError('--engine, --label and --name filter --all');
  if (!all && (ids.length === 0 || ids.some((id) => id === ''))) {
    throw new KatamonError('invalid-argument', 'container id cannot be empty');
  }
  if (intervalNs <= 0n) throw new KatamonError('invalid-argument', 'duration interval must be greater than 0');
  return {
    request: { ids, all, intervalNs, stats: flags.stats === true, schema, pretty: flags.pretty === true, filter },
    flags,
  };
}
