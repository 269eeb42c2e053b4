import type { InterfaceStats } from '@katamon/core';
import { exactInteger, type PromSample } from './prometheus-text.js';

/** The agent's per-interface series (kata-agent-protocol §4.4), from the guest's /proc/net/dev. */
export const GUEST_NETDEV_METRIC = 'kata_guest_netdev_stat';

const U64_MAX = (1n << 64n) - 1n;

/** `item` label → model field. The other /proc/net/dev columns (fifo, frame, …) have no place in the model. */
const ITEMS: ReadonlyMap<string, keyof Omit<InterfaceStats, 'name'>> = new Map([
  ['recv_bytes', 'rxBytes'],
  ['recv_packets', 'rxPackets'],
  ['recv_errs', 'rxErrors'],
  ['recv_drop', 'rxDropped'],
  ['sent_bytes', 'txBytes'],
  ['sent_packets', 'txPackets'],
  ['sent_errs', 'txErrors'],
  ['sent_drop', 'txDropped'],
] as const);

function counter(text: string): bigint {
  const v = exactInteger(text);
  if (v === undefined || v < 0n) return 0n; // NaN, negative or fractional: not a counter value
  return v > U64_MAX ? U64_MAX : v;
}

/**
 * Interfaces from `kata_guest_netdev_stat{interface,item}`, seen from inside the guest (no rx/tx swap).
 * The series carry no ifindex, so `lo` comes first (it is ifindex 1) and the rest sort by name.
 */
export function guestInterfaces(samples: readonly PromSample[]): InterfaceStats[] {
  const byName = new Map<string, InterfaceStats>();
  for (const s of samples) {
    if (s.name !== GUEST_NETDEV_METRIC) continue;
    const name = s.labels.get('interface');
    const field = ITEMS.get(s.labels.get('item') ?? '');
    if (name === undefined || field === undefined) continue;
    let iface = byName.get(name);
    if (iface === undefined) {
      iface = {
        name,
        rxBytes: 0n,
        rxPackets: 0n,
        rxErrors: 0n,
        rxDropped: 0n,
        txBytes: 0n,
        txPackets: 0n,
        txErrors: 0n,
        txDropped: 0n,
      };
      byName.set(name, iface);
    }
    iface[field] = counter(s.text);
  }
  return [...byName.values()].sort((a, b) =>
    a.name === 'lo' ? -1 : b.name === 'lo' ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/**
 * Only the lines of one family: the agent's text also carries process and Go runtime metrics, and a
 * malformed line there must not cost the network section (nor the time to parse it).
 */
export function selectFamily(text: string, name: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trimStart();
    if (t.startsWith(name) && (t[name.length] === '{' || t[name.length] === ' ' || t[name.length] === '\t'))
      kept.push(line);
  }
  return kept.join('\n');
}
