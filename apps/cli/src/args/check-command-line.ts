import { GLOBAL_OPTIONS } from '../options/option-specs.js';
import { parseGoFlags, usageError } from './parse-go-flags.js';
import { splitCommand } from './split-command.js';

/** Flags yargs answers itself before any command. */
const YARGS_OWN = /^--?(h|help|version|get-yargs-completions)(=.*)?$/;

/**
 * Two mistakes yargs reports badly or too late, found before it runs: an unknown flag before the command
 * (yargs takes it for a flag with a value, then blames the next word: "Did you mean ls?"), and arguments
 * after `completion` (yargs prints the script on stdout, then fails). Throws a usage error.
 */
export function checkCommandLine(args: readonly string[]): void {
  const split = splitCommand(args);
  if (split.command === undefined) {
    const first = split.rest[0];
    if (first === undefined || !first.startsWith('-') || first === '-' || first === '--' || YARGS_OWN.test(first))
      return;
    throw usageError(`Unknown argument: ${first.replace(/^--?/, '').split('=', 1)[0] ?? first}`);
  }
  if (split.command === 'completion') {
    const { positionals } = parseGoFlags(split.rest, GLOBAL_OPTIONS);
    if (positionals.length > 0) throw usageError(`Unknown argument: ${positionals[0]}`);
  }
}
