import type { CliContext } from './cli-context.js';
import { parseGoFlags } from './args/parse-go-flags.js';
import { asksForHelp, splitCommand } from './args/split-command.js';
import { GLOBAL_OPTIONS } from './options/option-specs.js';
import { failEarly } from './process/fail-early.js';

/** The flag yargs' completion script calls the program with (see completion/complete-container-ids.ts). */
const COMPLETION_KEY = '--get-yargs-completions';

/**
 * Entry point: `events` without --help runs straight from the Go-style parser (the start-up hot path,
 * no yargs loaded); everything else goes through yargs, imported on demand.
 */
export async function runCli(
  ctx: CliContext,
  args: readonly string[],
  exitNow: (code: number) => void,
): Promise<number> {
  if (args[0] === COMPLETION_KEY) {
    const { completeContainerIds } = await import('./completion/complete-container-ids.js');
    const ids = await completeContainerIds(ctx, args.slice(1));
    if (ids !== undefined) {
      if (ids.length > 0) ctx.stdout.write(`${ids.join('\n')}\n`);
      return 0;
    }
  }
  const split = splitCommand(args);
  if (split.command === 'events' && !asksForHelp(split.rest)) {
    let leading: Record<string, unknown>;
    try {
      leading = Object.fromEntries(parseGoFlags(split.leading, GLOBAL_OPTIONS).values);
    } catch (error) {
      return failEarly(ctx, {}, error);
    }
    const { eventsMain } = await import('./events/events-main.js');
    return eventsMain(ctx, split.rest, leading, exitNow);
  }
  const { runYargs } = await import('./commands/run-yargs.js');
  return runYargs(ctx, args, exitNow);
}
