import type { ErrorKind } from '@katamon/core';

/** Success; also a stream whose containers all went away (runc exits 0 then). */
export const EXIT_OK = 0;
/** What kata-runtime and runc exit with on any error; usage errors included, so scripts see no difference. */
export const EXIT_FAILURE = 1;

/**
 * ErrorKind → exit status. Everything the events command shares with kata/runc exits 1 as there;
 * katamon-only failures get sysexits(3) codes so scripts can tell "fix your setup" from "no container".
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  'invalid-argument': 1,
  'not-found': 1,
  ambiguous: 1,
  'not-running': 1,
  gone: 1,
  parse: 1,
  io: 1,
  unavailable: 1,
  timeout: 1,
  cancelled: 1,
  'permission-denied': 1,
  unsupported: 1,
  /** EX_CONFIG: a --plugin module failed to load or validate. */
  plugin: 78,
  /** EX_SOFTWARE: a bug in katamon. */
  internal: 70,
};

/** Exit status after SIGINT/SIGTERM ended a stream cleanly: what a shell reports for a process killed by it. */
export function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGINT' ? 130 : 143;
}
