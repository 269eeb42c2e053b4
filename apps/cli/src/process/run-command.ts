import type { Katamon } from '@katamon/core';
import type { CliContext, KatamonNeeds } from '../cli-context.js';
import { createStderrLogger, type CliLogger } from '../output/stderr-logger.js';
import { createStdoutSink, type OutputSink } from '../output/stdout-sink.js';
import { resolveGlobalSettings, type FlagValues, type GlobalSettings } from '../settings/global-settings.js';
import { cancelOnSignals, type StopReason } from './cancel-on-signals.js';
import { errorMessage, exitCodeForError, exitCodeForStop } from './exit-code-for.js';

export interface CommandScope {
  katamon: Katamon;
  out: OutputSink;
  log: CliLogger;
  /** Aborted by SIGINT/SIGTERM or a closed stdout. */
  signal: AbortSignal;
  settings: GlobalSettings;
}

/** How long closing may take before the process exits anyway. */
const CLOSE_DEADLINE_MS = 2_000;

function closeWithin(katamon: Katamon, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    katamon.close().then(resolve, resolve);
  });
}

/**
 * Runs one command body with everything a command needs, and turns its end into an exit status:
 * errors print one line on stderr (nothing on stdout), a signal or a closed pipe ends it cleanly.
 */
export async function runCommand(
  ctx: CliContext,
  flags: FlagValues,
  body: (scope: CommandScope) => Promise<void>,
  exitNow: (code: number) => void,
  needs: KatamonNeeds = {},
): Promise<number> {
  let log: CliLogger = createStderrLogger({ level: 'warn', format: 'text', write: ctx.writeStderr });
  const controller = new AbortController();
  const stopReason = () => (controller.signal.aborted ? (controller.signal.reason as StopReason) : undefined);
  const dispose = cancelOnSignals(ctx.signals, controller, exitNow);
  let katamon: Katamon | undefined;
  try {
    const settings = resolveGlobalSettings(flags, ctx.env);
    log = createStderrLogger({ level: settings.logLevel, format: settings.logFormat, write: ctx.writeStderr });
    const out = createStdoutSink({
      ...(ctx.stdoutFd === undefined ? {} : { fd: ctx.stdoutFd }),
      stream: () => ctx.stdout,
      onClosed: (error) => {
        if (error.code !== 'EPIPE') log.error(`write error on stdout: ${error.message}`);
        if (!controller.signal.aborted) controller.abort({ type: 'output-closed', error } satisfies StopReason);
      },
    });
    katamon = await ctx.createKatamon(settings, log, needs);
    await body({ katamon, out, log, signal: controller.signal, settings });
    return exitCodeForStop(stopReason());
  } catch (error) {
    const stopped = stopReason();
    if (stopped !== undefined) return exitCodeForStop(stopped);
    log.fatal(errorMessage(error));
    return exitCodeForError(error);
  } finally {
    dispose();
    if (katamon !== undefined) await closeWithin(katamon, CLOSE_DEADLINE_MS);
  }
}
