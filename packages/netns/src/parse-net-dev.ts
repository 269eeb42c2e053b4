import { parseUintStrict } from '@katamon/sysfs';
import { KatamonError, type InterfaceStats } from '@katamon/core';

/**
 * Parses `/proc/<pid>/net/dev`: two header lines, then `name: rx bytes packets errs drop fifo frame compressed
 * multicast tx bytes packets errs drop fifo colls carrier compressed`. Names cannot contain ':' or spaces
 * (the kernel's dev_valid_name), so the first ':' ends the name even when a 15-character name touches it.
 *
 * One difference from sysfs statistics: the `drop` column adds `rx_missed_errors` to `rx_dropped`
 * (net-procfs dev_seq_printf_stats). Virtual interfaces (lo, veth, macvlan, tap) never count missed errors.
 */
export function parseNetDev(text: string, file: string): InterfaceStats[] {
  const out: InterfaceStats[] = [];
  const lines = text.split('\n');
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const fields =
      colon < 0
        ? []
        : line
            .slice(colon + 1)
            .trim()
            .split(/\s+/);
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    const values = fields.map(parseUintStrict);
    if (name === '' || values.length !== 16 || values.some((v) => v === undefined)) {
      throw new KatamonError('parse', `malformed line in ${file}: ${line}`, { path: file });
    }
    const [rxBytes, rxPackets, rxErrors, rxDropped, , , , , txBytes, txPackets, txErrors, txDropped] =
      values as bigint[];
    out.push({
      name,
      rxBytes,
      rxPackets,
      rxErrors,
      rxDropped,
      txBytes,
      txPackets,
      txErrors,
      txDropped,
    } as InterfaceStats);
  }
  return out;
}
