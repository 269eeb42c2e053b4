import { GLOBAL_OPTIONS } from '../options/option-specs.js';

export interface SplitCommand {
  /** Global flags before the command, as typed. */
  leading: string[];
  /** The first non-flag argument, if any. */
  command: string | undefined;
  rest: string[];
}

const valueFlags = new Set(GLOBAL_OPTIONS.filter((o) => o.kind !== 'bool').map((o) => o.name));
const knownFlags = new Set(GLOBAL_OPTIONS.map((o) => o.name));

/**
 * Finds the command word after any global flags. Stops (command undefined) at anything that is not a
 * known global flag, so `--help`, `--version` and completion requests go to the full parser.
 */
export function splitCommand(args: readonly string[]): SplitCommand {
  let i = 0;
  while (i < args.length) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      return { leading: args.slice(0, i), command: arg, rest: args.slice(i + 1) };
    }
    const body = arg.replace(/^--?/, '');
    const name = body.split('=', 1)[0] as string;
    if (!knownFlags.has(name)) break;
    i += valueFlags.has(name) && !body.includes('=') ? 2 : 1;
  }
  return { leading: args.slice(0, Math.min(i, args.length)), command: undefined, rest: args.slice(i) };
}

const HELP = /^--?(h|help)(=.*)?$/;

/** True when the arguments ask for help anywhere before a `--`. */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (HELP.test(arg)) return true;
  }
  return false;
}
