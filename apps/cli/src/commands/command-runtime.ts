import type { CliContext } from '../cli-context.js';

/** What every yargs command handler needs besides its parsed arguments. */
export interface CommandRuntime {
  ctx: CliContext;
  /** The arguments as typed (the events handler re-parses them with Go's rules). */
  rawArgs: readonly string[];
  exitNow(code: number): void;
  /** The status the process ends with. */
  setExitCode(code: number): void;
}
