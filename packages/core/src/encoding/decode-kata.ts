import type { InterfaceStats, NetworkStats, Stats, TcpStats, UdpStats } from '../model/stats.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import { asObject, objectAt, optListAt, stringAt, u64At } from './json-reader.js';
import { blkio, cpu, hugetlb, intelRdt, memory, pids } from './go-struct-decoders.js';

/**
 * Inverse of encodeKataStats. `interfaces: null` means the sources had no network section; kata's
 * network data comes from the agent, so a decoded network section has origin `agent`.
 */
export function decodeKataStats(o: JsonObject, path: string): Stats {
  const st: Stats = {
    cpu: cpu(objectAt(o, 'cpu', path), path + '.cpu', false),
    memory: memory(objectAt(o, 'memory', path), path + '.memory', false),
    pids: pids(objectAt(o, 'pids', path), path + '.pids'),
    blkio: blkio(objectAt(o, 'blkio', path), path + '.blkio', false),
    hugetlb: hugetlb(o, path),
    intelRdt: intelRdt(objectAt(o, 'intel_rdt', path), path + '.intel_rdt', false),
  };
  const ifaces = optListAt(o, 'interfaces', path, kataInterface);
  if (ifaces !== undefined) {
    const network: NetworkStats = {
      interfaces: ifaces,
      tcp: tcp(objectAt(o, 'tcp', path), path + '.tcp'),
      tcp6: tcp(objectAt(o, 'tcp6', path), path + '.tcp6'),
      udp: udp(objectAt(o, 'udp', path), path + '.udp'),
      udp6: udp(objectAt(o, 'udp6', path), path + '.udp6'),
      origin: 'agent',
    };
    st.network = network;
  }
  return st;
}

function kataInterface(v: JsonValue, path: string): InterfaceStats {
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

function tcp(o: JsonObject, path: string): TcpStats {
  return {
    established: u64At(o, 'established', path),
    synSent: u64At(o, 'syn_sent', path),
    synRecv: u64At(o, 'syn_recv', path),
    finWait1: u64At(o, 'fin_wait1', path),
    finWait2: u64At(o, 'fin_wait2', path),
    timeWait: u64At(o, 'time_wait', path),
    close: u64At(o, 'close', path),
    closeWait: u64At(o, 'close_wait', path),
    lastAck: u64At(o, 'last_ack', path),
    listen: u64At(o, 'listen', path),
    closing: u64At(o, 'closing', path),
  };
}

/** openEuler's swapped names back to the kernel's meaning (see encode-kata.ts). */
function udp(o: JsonObject, path: string): UdpStats {
  return {
    sockets: u64At(o, 'listen', path),
    drops: u64At(o, 'dropped', path),
    txQueue: u64At(o, 'rx_queued', path),
    rxQueue: u64At(o, 'tx_queued', path),
  };
}
