import type { Argv, CommandModule } from 'yargs';
import { LIST_OPTIONS } from '../options/option-specs.js';
import { runCommand } from '../process/run-command.js';
import { runList } from '../list/run-list.js';
import type { CommandRuntime } from './command-runtime.js';
import { withOptions } from './shared-options.js';

interface ListArgs {
  format?: 'table' | 'json';
}

export function listCommand(runtime: CommandRuntime): CommandModule<object, ListArgs> {
  return {
    command: ['list', 'ls'],
    describe: 'the containers katamon can see (runc, crun, Kata, plugins): runtime, status, pid, sandbox',
    builder: (argv: Argv) =>
      withOptions(argv, LIST_OPTIONS, 'List options:')
        .example('$0 list', 'a table')
        .example('$0 list --format json | jq -r .id', 'one JSON object per container') as unknown as Argv<ListArgs>,
    handler: async (args) => {
      const format = args.format ?? 'table';
      runtime.setExitCode(await runCommand(runtime.ctx, args, (scope) => runList(format, scope), runtime.exitNow));
    },
  };
}
