import { RESULT_MARKER, type CheckResult } from '../protocol.js';

/** Prints one result line for the host. One write per line keeps it whole on the console. */
export function report(result: CheckResult | Record<string, unknown>): void {
  process.stdout.write(
    `${RESULT_MARKER}${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
  );
}
