import { signalExitCode } from './exit-codes.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Why a command's AbortController was aborted. */
export type StopReason =
  | { type: 'signal'; signal: StopSignal }
  | { type: 'output-closed'; error: NodeJS.ErrnoException };

/**
 * The first SIGINT/SIGTERM aborts `controller` so streams end cleanly (no partial line, descriptors
 * closed); a second one exits at once with the signal's status, for a cleanup that hangs.
 */
export function cancelOnSignals(
  emitter: NodeJS.EventEmitter,
  controller: AbortController,
  exitNow: (code: number) => void,
): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      if (controller.signal.aborted) exitNow(signalExitCode(signal));
      else controller.abort({ type: 'signal', signal } satisfies StopReason);
    };
    emitter.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) emitter.removeListener(signal, handler);
  };
}
