import type { CliContext } from '../cli-context.js';
import { failEarly } from '../process/fail-early.js';
import { runCommand } from '../process/run-command.js';
import type { FlagValues } from '../settings/global-settings.js';
import { parseEventsArgs, type ParsedEventsArgs } from './parse-events-args.js';
import { runEvents } from './run-events.js';

/**
 * `katamon events …`: Go-style flags (kata-runtime's parser semantics), then the stream or one event.
 * This is the start-up hot path: it needs neither yargs nor help texts.
 */
export async function eventsMain(
  ctx: CliContext,
  args: readonly string[],
  leadingFlags: FlagValues,
  exitNow: (code: number) => void,
): Promise<number> {
  let parsed: ParsedEventsArgs;
  try {
    parsed = parseEventsArgs(args, leadingFlags);
  } catch (error) {
    return failEarly(ctx, leadingFlags, error);
  }
  return runCommand(
    ctx,
    parsed.flags,
    async (scope) => {
      await runEvents(parsed.request, scope);
    },
    exitNow,
    // runc's schema prints no namespace network data: reading /proc/<pid>/net/tcp* walks the host's
    // whole TCP hash table, so it is not read at all then.
    { network: parsed.request.schema !== 'runc' },
  );
}
