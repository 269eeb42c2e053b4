import { KatamonError, type TcpStats } from '@katamon/core';
import { scanFields } from './scan-fields.js';

/** `st` codes of /proc/net/tcp (include/net/tcp_states.h), in TcpStats order: 01 established … 0B closing. */
const KEYS: readonly (keyof TcpStats)[] = [
  'established',
  'synSent',
  'synRecv',
  'finWait1',
  'finWait2',
  'timeWait',
  'close',
  'closeWait',
  'lastAck',
  'listen',
  'closing',
];

const UPPER_HEX = (c: number | undefined): number =>
  c === undefined ? -1 : c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : -1;

export function emptyTcpStats(): TcpStats {
  const out = {} as Record<keyof TcpStats, bigint>;
  for (const key of KEYS) out[key] = 0n;
  return out;
}

/**
 * Counts sockets per state in `/proc/<pid>/net/tcp{,6}`: the header line is skipped, field 4 (`st`) is two
 * upper-case hex digits. Any other state fails the whole read, as openEuler's agent does (the kernel prints
 * request sockets as 03, so only 01–0B occur).
 */
export function countTcpStates(buf: Uint8Array, length: number, file: string): TcpStats {
  const counts = new Array<number>(KEYS.length).fill(0);
  scanFields(buf, length, 1, 4, (starts, ends, count, lineStart, lineEnd) => {
    const from = starts[3] as number;
    const hi = UPPER_HEX(buf[from]);
    const lo = UPPER_HEX(buf[from + 1]);
    const code = count >= 4 && (ends[3] as number) - from === 2 && hi >= 0 && lo >= 0 ? hi * 16 + lo : -1;
    if (code < 1 || code > KEYS.length) {
      const line = Buffer.from(buf.subarray(lineStart, lineEnd)).toString('latin1');
      throw new KatamonError('parse', `invalid TCP state line in ${file}: ${line}`, { path: file });
    }
    counts[code - 1]++;
  });
  const out = emptyTcpStats();
  KEYS.forEach((key, i) => (out[key] = BigInt(counts[i] as number)));
  return out;
}
