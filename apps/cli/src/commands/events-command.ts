import type { Argv, CommandModule } from 'yargs';
import { EVENTS_OPTIONS } from '../options/option-specs.js';
import { parseGoFlags } from '../args/parse-go-flags.js';
import { GLOBAL_OPTIONS } from '../options/option-specs.js';
import type { CommandRuntime } from './command-runtime.js';
import { withOptions } from './shared-options.js';

interface EventsArgs {
  ids?: string[];
}

/**
 * Help text and completion for `events`. Running it goes through `eventsMain` with kata-runtime's own
 * flag rules (`-interval=3s`, flags after the id), so the raw arguments are handed over unchanged.
 */
export function eventsCommand(runtime: CommandRuntime): CommandModule<object, EventsArgs> {
  return {
    command: 'events [ids..]',
    describe: 'stats (and oom) events as JSON lines, like kata-runtime events / runc events',
    builder: (argv: Argv) =>
      withOptions(argv, EVENTS_OPTIONS, 'Events options:')
        .positional('ids', {
          describe: 'container ids, names or unique id prefixes (namespace/id where ids repeat)',
          type: 'string',
          array: true,
        })
        .example('$0 events --stats 3f2a', 'one stats event now, kata-runtime JSON')
        .example('$0 events --interval 2s --schema runc 3f2a 9b1c', 'one interleaved stream of two containers')
        .example('$0 events -interval=500ms --all | jq .data.memory', 'Go flag syntax works as in kata-runtime')
        .example('$0 events --stats --schema full web', 'a container by name; full carries its identity')
        .example('$0 events --all --engine docker --label app=web', 'every running Docker container labelled app=web')
        .epilogue(
          'Flags may come before or after the ids. The first event comes after one interval; a failed sample logs one line on stderr and the stream goes on. The stream ends (exit 0) when every container is gone, or on SIGINT/SIGTERM (exit 130/143).',
        ) as unknown as Argv<EventsArgs>,
    handler: async () => {
      const at = runtime.rawArgs.indexOf('events');
      const leading = Object.fromEntries(parseGoFlags(runtime.rawArgs.slice(0, at), GLOBAL_OPTIONS).values);
      const { eventsMain } = await import('../events/events-main.js');
      runtime.setExitCode(await eventsMain(runtime.ctx, runtime.rawArgs.slice(at + 1), leading, runtime.exitNow));
    },
  };
}
