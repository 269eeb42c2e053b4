import type { Sample } from '../model/event.js';
import type {
  BlkioEntry,
  BlkioStats,
  CpuStats,
  CpusetStats,
  InterfaceStats,
  IntelRdtStats,
  MemoryEntry,
  MemoryStats,
  NetworkStats,
  PsiData,
  PsiStats,
  Stats,
  TcpStats,
  UdpStats,
} from '../model/stats.js';
import { goString } from './go-string.js';
import { f64, i64, u16, u64 } from './go-number.js';
import { hugetlbFull, u64ListFull, u64MapFull } from './full-helpers.js';
import { encodeIdentity } from './encode-identity.js';

/*
 * katamon's `full` schema (documented field by field in packages/core/schemas/README.md): snake_case keys,
 * no omitempty inside a section, so every value is explicit; a section the sources did not fill is left
 * out of `data`, and an optional field (PSI, memory.events, RDT parts) is left out when absent.
 */

type SampleMeta = Omit<Sample, 'stats' | 'id'>;

/** Fields between `id` and `data`. */
export function encodeFullMeta(meta: SampleMeta | undefined, schemaVersion: number): string {
  let s = ',"schema_version":' + schemaVersion;
  if (meta === undefined) return s;
  s += ',"timestamp":' + f64(meta.timestamp) + ',"sources":[';
  for (let i = 0; i < meta.sources.length; i++) s += (i === 0 ? '' : ',') + goString(meta.sources[i] as string);
  s += '],"issues":[';
  for (let i = 0; i < meta.issues.length; i++) {
    const is = meta.issues[i] as SampleMeta['issues'][number];
    s +=
      (i === 0 ? '' : ',') +
      '{"source":' +
      goString(is.source) +
      ',"kind":' +
      goString(is.kind) +
      ',"message":' +
      goString(is.message) +
      (is.path === undefined ? '' : ',"path":' + goString(is.path)) +
      '}';
  }
  s += ']';
  return meta.identity === undefined ? s : s + ',"identity":' + encodeIdentity(meta.identity);
}

export function encodeFullStats(st: Stats): string {
  let s = '';
  if (st.cpu) s += ',"cpu":' + cpu(st.cpu);
  if (st.cpuset) s += ',"cpuset":' + cpuset(st.cpuset);
  if (st.memory) s += ',"memory":' + memory(st.memory);
  if (st.pids) s += ',"pids":{"current":' + u64(st.pids.current) + ',"limit":' + u64(st.pids.limit) + '}';
  if (st.blkio) s += ',"blkio":' + blkio(st.blkio);
  if (st.hugetlb) s += ',"hugetlb":' + hugetlbFull(st.hugetlb);
  if (st.intelRdt) s += ',"intel_rdt":' + intelRdt(st.intelRdt);
  if (st.network) s += ',"network":' + network(st.network);
  if (st.runcInterfaces) s += ',"runc_interfaces":' + interfaces(st.runcInterfaces);
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}

function psiData(d: PsiData): string {
  return `{"avg10":${f64(d.avg10)},"avg60":${f64(d.avg60)},"avg300":${f64(d.avg300)},"total":${u64(d.total)}}`;
}

function psi(p: PsiStats | undefined): string {
  return p === undefined ? '' : `,"psi":{"some":${psiData(p.some)},"full":${psiData(p.full)}}`;
}

function cpu(c: CpuStats): string {
  const u = c.usage;
  const t = c.throttling;
  return (
    `{"usage":{"total":${u64(u.total)},"percpu":${u64ListFull(u.percpu)},"percpu_kernel":${u64ListFull(u.percpuKernel)}` +
    `,"percpu_user":${u64ListFull(u.percpuUser)},"kernel":${u64(u.kernel)},"user":${u64(u.user)}}` +
    `,"throttling":{"periods":${u64(t.periods)},"throttled_periods":${u64(t.throttledPeriods)}` +
    `,"throttled_time":${u64(t.throttledTime)}}${psi(c.psi)}}`
  );
}

function cpuset(c: CpusetStats): string {
  return (
    `{"cpus":[${c.cpus.map(u16).join(',')}],"mems":[${c.mems.map(u16).join(',')}]` +
    `,"cpu_exclusive":${u64(c.cpuExclusive)},"mem_hardwall":${u64(c.memHardwall)}` +
    `,"mem_exclusive":${u64(c.memExclusive)},"memory_migrate":${u64(c.memoryMigrate)}` +
    `,"memory_spread_page":${u64(c.memorySpreadPage)},"memory_spread_slab":${u64(c.memorySpreadSlab)}` +
    `,"memory_pressure":${u64(c.memoryPressure)},"sched_load_balance":${u64(c.schedLoadBalance)}` +
    `,"sched_relax_domain_level":${i64(c.schedRelaxDomainLevel)}}`
  );
}

function entry(e: MemoryEntry): string {
  return `{"limit":${u64(e.limit)},"usage":${u64(e.usage)},"max":${u64(e.max)},"failcnt":${u64(e.failcnt)}}`;
}

function memory(m: MemoryStats): string {
  let s =
    `{"cache":${u64(m.cache)},"usage":${entry(m.usage)},"swap":${entry(m.swap)},"kernel":${entry(m.kernel)}` +
    `,"kernel_tcp":${entry(m.kernelTCP)},"raw":${u64MapFull(m.raw)}${psi(m.psi)}`;
  const e = m.events;
  if (e !== undefined) {
    s +=
      `,"events":{"low":${u64(e.low)},"high":${u64(e.high)},"max":${u64(e.max)},"oom":${u64(e.oom)}` +
      `,"oom_kill":${u64(e.oomKill)},"oom_group_kill":${u64(e.oomGroupKill)}}`;
  }
  if (m.useHierarchy !== undefined) s += `,"use_hierarchy":${m.useHierarchy}`;
  return s + '}';
}

function blkioList(list: readonly BlkioEntry[]): string {
  const items = list.map(
    (e) => `{"major":${u64(e.major)},"minor":${u64(e.minor)},"op":${goString(e.op)},"value":${u64(e.value)}}`,
  );
  return '[' + items.join(',') + ']';
}

function blkio(b: BlkioStats): string {
  return (
    `{"io_service_bytes_recursive":${blkioList(b.ioServiceBytesRecursive)}` +
    `,"io_serviced_recursive":${blkioList(b.ioServicedRecursive)}` +
    `,"io_queue_recursive":${blkioList(b.ioQueueRecursive)}` +
    `,"io_service_time_recursive":${blkioList(b.ioServiceTimeRecursive)}` +
    `,"io_wait_time_recursive":${blkioList(b.ioWaitTimeRecursive)}` +
    `,"io_merged_recursive":${blkioList(b.ioMergedRecursive)}` +
    `,"io_time_recursive":${blkioList(b.ioTimeRecursive)}` +
    `,"sectors_recursive":${blkioList(b.sectorsRecursive)}${psi(b.psi)}}`
  );
}

function optString(key: string, v: string | undefined): string {
  return v === undefined ? '' : `,"${key}":${goString(v)}`;
}

function intelRdt(r: IntelRdtStats): string {
  let s = '';
  const l3 = r.l3CacheInfo;
  if (l3) {
    s += `,"l3_cache_info":{"cbm_mask":${goString(l3.cbmMask)},"min_cbm_bits":${u64(l3.minCbmBits)}`;
    s += `,"num_closids":${u64(l3.numClosids)}}`;
  }
  s += optString('l3_cache_schema_root', r.l3CacheSchemaRoot) + optString('l3_cache_schema', r.l3CacheSchema);
  const mb = r.memBwInfo;
  if (mb) {
    s += `,"mem_bw_info":{"bandwidth_gran":${u64(mb.bandwidthGran)},"delay_linear":${u64(mb.delayLinear)}`;
    s += `,"min_bandwidth":${u64(mb.minBandwidth)},"num_closids":${u64(mb.numClosids)}}`;
  }
  s += optString('mem_bw_schema_root', r.memBwSchemaRoot) + optString('mem_bw_schema', r.memBwSchema);
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}

function interfaces(list: readonly InterfaceStats[]): string {
  const items = list.map(
    (f) =>
      `{"name":${goString(f.name)},"rx_bytes":${u64(f.rxBytes)},"rx_packets":${u64(f.rxPackets)}` +
      `,"rx_errors":${u64(f.rxErrors)},"rx_dropped":${u64(f.rxDropped)},"tx_bytes":${u64(f.txBytes)}` +
      `,"tx_packets":${u64(f.txPackets)},"tx_errors":${u64(f.txErrors)},"tx_dropped":${u64(f.txDropped)}}`,
  );
  return '[' + items.join(',') + ']';
}

function tcp(t: TcpStats): string {
  return (
    `{"established":${u64(t.established)},"syn_sent":${u64(t.synSent)},"syn_recv":${u64(t.synRecv)}` +
    `,"fin_wait1":${u64(t.finWait1)},"fin_wait2":${u64(t.finWait2)},"time_wait":${u64(t.timeWait)}` +
    `,"close":${u64(t.close)},"close_wait":${u64(t.closeWait)},"last_ack":${u64(t.lastAck)}` +
    `,"listen":${u64(t.listen)},"closing":${u64(t.closing)}}`
  );
}

/** Kernel meaning and names (unlike kata's swapped ones). */
function udp(u: UdpStats): string {
  return `{"sockets":${u64(u.sockets)},"drops":${u64(u.drops)},"tx_queue":${u64(u.txQueue)},"rx_queue":${u64(u.rxQueue)}}`;
}

function network(n: NetworkStats): string {
  return (
    `{"origin":${goString(n.origin)},"interfaces":${interfaces(n.interfaces)},"tcp":${tcp(n.tcp)}` +
    `,"tcp6":${tcp(n.tcp6)},"udp":${udp(n.udp)},"udp6":${udp(n.udp6)}}`
  );
}
