import type { FlagSpec } from './parse-go-flags.js';
import { parseGoBool, usageError } from './parse-go-flags.js';

/**
 * Checks the inline values of bool flags (`--no-stream=3`) the way Go's `flag` package does, and spells the
 * valid ones `true`/`false` for yargs, whose parser reads any other value of a boolean option as `false`
 * (so `--no-stream=t` would stream and `--no-stream=3` would pass unnoticed). Stops at `--`.
 */
export function goBoolFlags(args: readonly string[], specs: readonly FlagSpec[]): string[] {
  const bools = new Set(specs.filter((s) => s.kind === 'bool').map((s) => s.name));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return [...out, ...args.slice(i)];
    const match = /^--?([^=]+)=(.*)$/s.exec(arg);
    const name = match?.[1];
    if (match === null || name === undefined || !bools.has(name)) {
      out.push(arg);
      continue;
    }
    const value = parseGoBool(match[2] as string);
    if (value === undefined) throw usageError(`invalid boolean value "${match[2]}" for -${name}: parse error`);
    out.push(`--${name}=${value}`);
  }
  return out;
}
