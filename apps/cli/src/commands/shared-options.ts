import type { Argv, Options } from 'yargs';
import type { OptionSpec } from '../options/option-specs.js';

/**
 * One yargs option from the shared table; values stay strings so both parsers validate them the same way, and
 * a repeated value flag keeps its last value, as Go's `flag` package does (bool values: see goBoolFlags).
 */
export function yargsOption(spec: OptionSpec, global: boolean): Options {
  const env = spec.env === undefined ? '' : ` [env ${spec.env}${spec.kind === 'list' ? ', ":"-separated' : ''}]`;
  const dflt = spec.defaultText === undefined ? '' : ` [default: ${spec.defaultText}]`;
  const option: Options = {
    describe: `${spec.describe}${dflt}${env}`,
    global,
    type: spec.kind === 'bool' ? 'boolean' : 'string',
    requiresArg: spec.kind !== 'bool',
  };
  if (spec.kind === 'list') option.array = true;
  if (spec.kind === 'value')
    option.coerce = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);
  if (spec.choices !== undefined) option.choices = [...spec.choices];
  return option;
}

/** The builder every command shares: adds `specs` to `argv` under one group heading. */
export function withOptions<T>(argv: Argv<T>, specs: readonly OptionSpec[], group: string, global = false): Argv<T> {
  let out = argv;
  for (const spec of specs) out = out.option(spec.name, yargsOption(spec, global)).group(spec.name, group);
  return out;
}
