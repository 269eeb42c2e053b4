import type { InterfaceStats, Stats, TcpStats, UdpStats } from '../model/stats.js';
import { goString } from './go-string.js';
import { u64 } from './go-number.js';
import { blkio, cpuUsage, hugetlb, memory, pids, throttling } from './go-struct-encoders.js';
import { intelRdt } from './go-intel-rdt-encoder.js';
import { ZERO_BLKIO, ZERO_CPU, ZERO_MEMORY, ZERO_PIDS, ZERO_TCP, ZERO_UDP } from './zero-stats.js';

/**
 * `data` of the oe-kata schema (events-contract §2.b–2.c): cpu, memory, pids, blkio, hugetlb, intel_rdt,
 * interfaces, tcp, tcp6, udp, udp6. No cpuset, percpu split or PSI exist on kata's path.
 */
export function encodeKataStats(st: Stats): string {
  const cpu = st.cpu ?? ZERO_CPU;
  const net = st.network;
  return (
    '{"cpu":{"usage":' +
    cpuUsage(cpu.usage, false) +
    ',"throttling":' +
    throttling(cpu.throttling) +
    '},"memory":' +
    memory(st.memory ?? ZERO_MEMORY, false) +
    ',"pids":' +
    pids(st.pids ?? ZERO_PIDS) +
    ',"blkio":' +
    blkio(st.blkio ?? ZERO_BLKIO, false) +
    ',"hugetlb":' +
    hugetlb(st.hugetlb) +
    ',"intel_rdt":' +
    intelRdt(st.intelRdt, false) +
    // A nil slice is `null`; the structs are values, so `{}` when the section is absent.
    ',"interfaces":' +
    (net === undefined ? 'null' : interfaces(net.interfaces)) +
    ',"tcp":' +
    tcp(net?.tcp ?? ZERO_TCP) +
    ',"tcp6":' +
    tcp(net?.tcp6 ?? ZERO_TCP) +
    ',"udp":' +
    udp(net?.udp ?? ZERO_UDP) +
    ',"udp6":' +
    udp(net?.udp6 ?? ZERO_UDP) +
    '}'
  );
}

/** virtcontainers.InterfaceStats: no omitempty, rx_packets before rx_errors. */
function interfaces(list: readonly InterfaceStats[]): string {
  let s = '[';
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as InterfaceStats;
    s +=
      (i === 0 ? '{"name":' : ',{"name":') +
      goString(f.name) +
      ',"rx_bytes":' +
      u64(f.rxBytes) +
      ',"rx_packets":' +
      u64(f.rxPackets) +
      ',"rx_errors":' +
      u64(f.rxErrors) +
      ',"rx_dropped":' +
      u64(f.rxDropped) +
      ',"tx_bytes":' +
      u64(f.txBytes) +
      ',"tx_packets":' +
      u64(f.txPackets) +
      ',"tx_errors":' +
      u64(f.txErrors) +
      ',"tx_dropped":' +
      u64(f.txDropped) +
      '}';
  }
  return s + ']';
}

const tcpKeys: readonly (readonly [keyof TcpStats, string])[] = [
  ['established', '"established":'],
  ['synSent', '"syn_sent":'],
  ['synRecv', '"syn_recv":'],
  ['finWait1', '"fin_wait1":'],
  ['finWait2', '"fin_wait2":'],
  ['timeWait', '"time_wait":'],
  ['close', '"close":'],
  ['closeWait', '"close_wait":'],
  ['lastAck', '"last_ack":'],
  ['listen', '"listen":'],
  ['closing', '"closing":'],
];

/** TcpStat: every count omitempty. */
function tcp(t: TcpStats): string {
  let s = '';
  for (const [field, key] of tcpKeys) if (t[field] !== 0n) s += ',' + key + u64(t[field]);
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}

/**
 * UdpStat, every count omitempty, with openEuler's names: `listen` counts every socket line, `dropped` sums
 * drops, and `rx_queued`/`tx_queued` are swapped against the kernel's tx_queue/rx_queue columns (§2.c).
 */
function udp(u: UdpStats): string {
  let s = '';
  if (u.sockets !== 0n) s += ',"listen":' + u64(u.sockets);
  if (u.drops !== 0n) s += ',"dropped":' + u64(u.drops);
  if (u.txQueue !== 0n) s += ',"rx_queued":' + u64(u.txQueue);
  if (u.rxQueue !== 0n) s += ',"tx_queued":' + u64(u.rxQueue);
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}
