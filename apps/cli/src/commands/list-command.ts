import type { Argv, CommandModule } from 'yargs';
import { LIST_OPTIONS } from '../options/option-specs.js';
import { runCommand } from '../process/run-command.js';
import { failEarly } from '../process/fail-early.js';
import { runList } from '../list/run-list.js';
import { containerFilterOf } from '../containers/container-filter-of.js';
import type { CommandRuntime } from './command-runtime.js';
import { withOptions } from './shared-options.js';

interface ListArgs {
  format?: 'table' | 'json';
  wide?: boolean;
  engine?: string[];
  label?: string[];
  name?: string[];
}

export function listCommand(runtime: CommandRuntime): CommandModule<object, ListArgs> {
  return {
    command: ['list', 'ls'],
    describe: 'the containers katamon can see, on every engine found: id, name, engine, status, pid',
    builder: (argv: Argv) =>
      withOptions(argv, LIST_OPTIONS, 'List options:')
        .example('$0 list', 'a table')
        .example('$0 list --wide --engine docker --label app=web', 'Docker containers labelled app=web, with images')
        .example('$0 list --format json | jq -r .name', 'one JSON object per container') as unknown as Argv<ListArgs>,
    handler: async (args) => {
      let filter;
      try {
        filter = containerFilterOf(args);
      } catch (error) {
        runtime.setExitCode(failEarly(runtime.ctx, args, error));
        return;
      }
      const request = { format: args.format ?? 'table', wide: args.wide === true, filter } as const;
      runtime.setExitCode(await runCommand(runtime.ctx, args, (scope) => runList(request, scope), runtime.exitNow));
    },
  };
}
