import { EXIT_MARKER, INIT_MARKER, RESULT_MARKER } from './protocol.js';

export interface GuestOutput {
  /** Every JSON object the guest reported, in order. */
  results: unknown[];
  /** The guest script's exit status; null if /init never printed it (crash, timeout). */
  exitCode: number | null;
  /** What /init reported about its setup. */
  init: string[];
  /** Marker lines whose JSON did not parse (console noise cut into them), kept for the failure report. */
  malformed: string[];
}

/**
 * Picks the marker lines out of the serial console. The console also carries kernel messages and, as
 * a serial line, "\r\n" endings; a marker may follow noise on the same line, so it is searched, not
 * anchored.
 */
export function parseGuestOutput(console: string): GuestOutput {
  const out: GuestOutput = { results: [], exitCode: null, init: [], malformed: [] };
  for (const raw of console.split('\n')) {
    const line = raw.replace(/\r+$/, '');
    const exit = line.indexOf(EXIT_MARKER);
    if (exit >= 0) {
      const code = /^\d+/.exec(line.slice(exit + EXIT_MARKER.length));
      if (code) out.exitCode = Number(code[0]);
      continue;
    }
    const init = line.indexOf(INIT_MARKER);
    if (init >= 0) {
      out.init.push(line.slice(init + INIT_MARKER.length));
      continue;
    }
    const result = line.indexOf(RESULT_MARKER);
    if (result < 0) continue;
    const json = line.slice(result + RESULT_MARKER.length);
    try {
      out.results.push(JSON.parse(json));
    } catch {
      out.malformed.push(line);
    }
  }
  return out;
}
