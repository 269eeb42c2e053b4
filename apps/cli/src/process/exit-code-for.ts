import { errorKindOf } from '@katamon/core';
import { EXIT_CODES, EXIT_FAILURE, EXIT_OK, signalExitCode } from './exit-codes.js';
import type { StopReason } from './cancel-on-signals.js';

/** The status a command that failed with `error` exits with. */
export function exitCodeForError(error: unknown): number {
  return EXIT_CODES[errorKindOf(error)];
}

/** The status after a stream was stopped from outside. */
export function exitCodeForStop(reason: StopReason | undefined): number {
  if (reason === undefined) return EXIT_OK;
  if (reason.type === 'signal') return signalExitCode(reason.signal);
  // The reader closing the pipe is a normal way to stop reading (`| head -1`).
  return reason.error.code === 'EPIPE' ? EXIT_OK : EXIT_FAILURE;
}

/** One line for the final error; bugs keep their stack out of the way but still say what broke. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
