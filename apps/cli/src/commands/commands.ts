import type { CommandModule } from 'yargs';
import type { CommandRuntime } from './command-runtime.js';
import { eventsCommand } from './events-command.js';
import { listCommand } from './list-command.js';
import { topCommand } from './top-command.js';
import { doctorCommand } from './doctor-command.js';

/** Every command, explicitly (no directory scanning). */
export function commands(runtime: CommandRuntime): CommandModule<object, never>[] {
  return [
    eventsCommand(runtime),
    listCommand(runtime),
    topCommand(runtime),
    doctorCommand(runtime),
  ] as unknown as CommandModule<object, never>[];
}
