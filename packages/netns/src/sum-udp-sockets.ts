import type { UdpStats } from '@katamon/core';
import { decimalValue, hexValue, scanFields } from './scan-fields.js';

/** A well-formed /proc/net/udp{,6} line: sl, local, remote, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode, ref, pointer, drops. */
const UDP_FIELDS = 13;

export function emptyUdpStats(): UdpStats {
  return { sockets: 0n, drops: 0n, txQueue: 0n, rxQueue: 0n };
}

/**
 * Summarises `/proc/<pid>/net/udp{,6}` with the kernel's meaning: every line after the header is a socket;
 * drops and the tx_queue:rx_queue pair are summed over lines with exactly 13 fields, as openEuler's agent does
 * (its `rx_queued`/`tx_queued` names are swapped; the kata encoder reproduces that, not this reader).
 */
export function sumUdpSockets(buf: Uint8Array, length: number): UdpStats {
  let sockets = 0;
  // Per-socket values are 32-bit in the kernel: number sums stay exact far beyond any socket count.
  let drops = 0;
  let txQueue = 0;
  let rxQueue = 0;
  scanFields(buf, length, 1, UDP_FIELDS, (starts, ends, count) => {
    sockets++;
    if (count !== UDP_FIELDS) return;
    const d = decimalValue(buf, starts[12] as number, ends[12] as number);
    if (d >= 0) drops += d;
    const qStart = starts[4] as number;
    const qEnd = ends[4] as number;
    const colon = buf.indexOf(58, qStart);
    if (colon < 0 || colon >= qEnd) return;
    const tx = hexValue(buf, qStart, colon);
    const rx = hexValue(buf, colon + 1, qEnd);
    if (tx >= 0 && rx >= 0) {
      txQueue += tx;
      rxQueue += rx;
    }
  });
  return { sockets: BigInt(sockets), drops: BigInt(drops), txQueue: BigInt(txQueue), rxQueue: BigInt(rxQueue) };
}
