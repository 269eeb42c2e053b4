import { KatamonError } from '@katamon/core';

/** How a flag takes its value, as Go's `flag` package sees it. */
export type FlagKind = 'bool' | 'value' | 'list';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
}

export interface ParsedFlags {
  /** Flag values by name: `true`/`false` for bool flags, the last value for value flags, all values for lists. */
  values: Map<string, string | boolean | string[]>;
  /** Non-flag arguments, in order, wherever they appeared. */
  positionals: string[];
}

/** Go's `strconv.ParseBool` spellings. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** A bool flag's inline value (`-x=v`) as Go's `flag` package reads it; undefined when it is not one. */
export function parseGoBool(value: string): boolean | undefined {
  return TRUE.has(value) ? true : FALSE.has(value) ? false : undefined;
}

export function usageError(message: string): KatamonError {
  return new KatamonError('invalid-argument', message, { code: 'KATAMON_USAGE' });
}

/**
 * Parses arguments the way kata-runtime and runc ≤ 1.5 do: urfave/cli v1 moves flags in front of the
 * positionals (so flags may follow the id), then Go's `flag` package reads them: `-x` and `--x` are the
 * same, values come as `-x=v` or `-x v`, bool flags take only `=true|false`, `--` ends the flags.
 * Error texts are Go's.
 */
export function parseGoFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, string | boolean | string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.length < 2 || arg[0] !== '-') {
      positionals.push(arg);
      continue;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    if (body.length === 0 || body[0] === '-' || body[0] === '=') throw usageError(`bad flag syntax: ${arg}`);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const inline = eq < 0 ? undefined : body.slice(eq + 1);
    const spec = byName.get(name);
    if (spec === undefined) throw usageError(`flag provided but not defined: -${name}`);
    if (spec.kind === 'bool') {
      const value = inline === undefined ? true : parseGoBool(inline);
      if (value === undefined) throw usageError(`invalid boolean value "${inline}" for -${name}: parse error`);
      values.set(name, value);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      // Go takes the next argument whatever it looks like (`--interval -1s` is a negative interval).
      if (i + 1 >= args.length) throw usageError(`flag needs an argument: -${name}`);
      value = args[++i] as string;
    }
    if (spec.kind === 'list') {
      const previous = values.get(name);
      values.set(name, [...(Array.isArray(previous) ? previous : []), value]);
    } else {
      values.set(name, value);
    }
  }
  return { values, positionals };
}
