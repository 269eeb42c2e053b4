import type { CliContext } from '../cli-context.js';
import { createStderrLogger } from '../output/stderr-logger.js';
import { resolveGlobalSettings, type FlagValues } from '../settings/global-settings.js';
import { errorMessage, exitCodeForError } from './exit-code-for.js';

/** Reports an argument error found before any container was looked at, in the log format asked for if it can. */
export function failEarly(ctx: CliContext, flags: FlagValues, error: unknown): number {
  let format: 'text' | 'json' = 'text';
  try {
    format = resolveGlobalSettings(flags, ctx.env).logFormat;
  } catch {
    // The settings are what is wrong: report in text.
  }
  createStderrLogger({ level: 'error', format, write: ctx.writeStderr }).fatal(errorMessage(error));
  return exitCodeForError(error);
}
