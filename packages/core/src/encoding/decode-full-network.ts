import type { InterfaceStats, NetworkOrigin, NetworkStats, TcpStats, UdpStats } from '../model/stats.js';
import { KatamonError } from '../errors/katamon-error.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import { asObject, listAt, objectAt, stringAt, u64At } from './json-reader.js';

/* The `network` and `runc_interfaces` parts of the full schema, read back (see encode-full.ts). */

export function iface(v: JsonValue, path: string): InterfaceStats {
  const o = asObject(v, path);
  return {
    name: stringAt(o, 'name', path),
    rxBytes: u64At(o, 'rx_bytes', path),
    rxPackets: u64At(o, 'rx_packets', path),
    rxErrors: u64At(o, 'rx_errors', path),
    rxDropped: u64At(o, 'rx_dropped', path),
    txBytes: u64At(o, 'tx_bytes', path),
    txPackets: u64At(o, 'tx_packets', path),
    txErrors: u64At(o, 'tx_errors', path),
    txDropped: u64At(o, 'tx_dropped', path),
  };
}

const tcpKeys = [
  ['established', 'established'],
  ['synSent', 'syn_sent'],
  ['synRecv', 'syn_recv'],
  ['finWait1', 'fin_wait1'],
  ['finWait2', 'fin_wait2'],
  ['timeWait', 'time_wait'],
  ['close', 'close'],
  ['closeWait', 'close_wait'],
  ['lastAck', 'last_ack'],
  ['listen', 'listen'],
  ['closing', 'closing'],
] as const;

function tcp(o: JsonObject, path: string): TcpStats {
  return Object.fromEntries(tcpKeys.map(([f, k]) => [f, u64At(o, k, path)])) as unknown as TcpStats;
}

function udp(o: JsonObject, path: string): UdpStats {
  return {
    sockets: u64At(o, 'sockets', path),
    drops: u64At(o, 'drops', path),
    txQueue: u64At(o, 'tx_queue', path),
    rxQueue: u64At(o, 'rx_queue', path),
  };
}

const origins: readonly NetworkOrigin[] = ['netns', 'agent', 'agent-metrics', 'host-veth', 'plugin'];

export function network(o: JsonObject, path: string): NetworkStats {
  const origin = stringAt(o, 'origin', path);
  if (!(origins as readonly string[]).includes(origin)) {
    throw new KatamonError('parse', `unknown network origin ${JSON.stringify(origin)} at ${path}.origin`);
  }
  return {
    interfaces: listAt(o, 'interfaces', path, iface),
    tcp: tcp(objectAt(o, 'tcp', path), path + '.tcp'),
    tcp6: tcp(objectAt(o, 'tcp6', path), path + '.tcp6'),
    udp: udp(objectAt(o, 'udp', path), path + '.udp'),
    udp6: udp(objectAt(o, 'udp6', path), path + '.udp6'),
    origin: origin as NetworkOrigin,
  };
}
