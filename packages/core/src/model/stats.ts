/**
 * The stats model: the superset of every field any katamon schema prints (runc, kata, openEuler kata
 * network, PSI, memory.events, cpuset). Every section is optional so that each source fills only what it
 * reads; encoders supply the zero values their schema prints for an absent section.
 *
 * Counters are uint64 in the kernel and on the wire, so they are `bigint` here; a JavaScript number would
 * silently corrupt values such as 9223372036854771712. Only PSI averages (percentages) are numbers.
 * Units follow the kernel after the conversions named per field.
 */

/** uint64 counter (or int64 where noted). */
export type Counter = bigint;

export interface CpuUsage {
  /** Total CPU time, ns. */
  total: Counter;
  /** Per-CPU total time, ns, one entry per possible CPU (cgroup v1 only). */
  percpu: Counter[];
  /** Per-CPU system time, ns (cgroup v1 `cpuacct.usage_all`). */
  percpuKernel: Counter[];
  /** Per-CPU user time, ns (cgroup v1 `cpuacct.usage_all`). */
  percpuUser: Counter[];
  /** System time, ns (v1: USER_HZ ticks × 10^7; v2: system_usec × 1000). */
  kernel: Counter;
  /** User time, ns. */
  user: Counter;
}

export interface Throttling {
  /** CFS periods elapsed. */
  periods: Counter;
  /** Periods in which the group was throttled. */
  throttledPeriods: Counter;
  /** Total throttled time, ns. */
  throttledTime: Counter;
}

export interface PsiData {
  /** Share of wall time stalled, percent, averaged over 10 s / 60 s / 300 s. */
  avg10: number;
  avg60: number;
  avg300: number;
  /** Total stall time, µs (as in the kernel file). */
  total: Counter;
}

export interface PsiStats {
  some: PsiData;
  full: PsiData;
}

export interface CpuStats {
  usage: CpuUsage;
  throttling: Throttling;
  /** `cpu.pressure` (cgroup v2, kernel ≥ 4.20 with CONFIG_PSI). */
  psi?: PsiStats;
}

export interface CpusetStats {
  /** CPU ids the group may run on. */
  cpus: number[];
  cpuExclusive: Counter;
  /** Memory node ids. */
  mems: number[];
  memHardwall: Counter;
  memExclusive: Counter;
  memoryMigrate: Counter;
  memorySpreadPage: Counter;
  memorySpreadSlab: Counter;
  memoryPressure: Counter;
  schedLoadBalance: Counter;
  /** Signed int64, −1 by default. */
  schedRelaxDomainLevel: Counter;
}

export interface MemoryEntry {
  /** Bytes; v1 "unlimited" is page-rounded LONG_MAX, v2 "max" is 2^64−1, both passed through verbatim. */
  limit: Counter;
  /** Bytes in use. */
  usage: Counter;
  /** High-water mark, bytes. */
  max: Counter;
  /** Times the limit was hit. */
  failcnt: Counter;
}

/** cgroup v2 `memory.events` counters (katamon `full` schema). */
export interface MemoryEvents {
  low: Counter;
  high: Counter;
  max: Counter;
  oom: Counter;
  oomKill: Counter;
  /** Kernel ≥ 6.1? absent on older kernels: 0 then. */
  oomGroupKill: Counter;
}

export interface MemoryStats {
  /** Page cache bytes (v1 `cache`, v2 `file`). */
  cache: Counter;
  usage: MemoryEntry;
  /** Memory + swap, as v1 `memsw` reports it (v2 is converted to the same meaning). */
  swap: MemoryEntry;
  /** v1 kmem. */
  kernel: MemoryEntry;
  /** v1 kmem.tcp. */
  kernelTCP: MemoryEntry;
  /** Every `key value` line of `memory.stat`, verbatim. A Map: keys come from the kernel, untrusted. */
  raw: Map<string, Counter>;
  /** `memory.pressure`. */
  psi?: PsiStats;
  /** `memory.events` (cgroup v2). */
  events?: MemoryEvents;
  /** Whether hierarchical accounting is on (v1 `memory.use_hierarchy`). */
  useHierarchy?: boolean;
}

export interface PidsStats {
  current: Counter;
  /** 0 means unlimited. */
  limit: Counter;
}

export interface BlkioEntry {
  major: Counter;
  minor: Counter;
  /** `Read`, `Write`, `Sync`, `Async`, `Discard`, `Total`, or '' for time/sector files. */
  op: string;
  value: Counter;
}

export interface BlkioStats {
  ioServiceBytesRecursive: BlkioEntry[];
  ioServicedRecursive: BlkioEntry[];
  ioQueueRecursive: BlkioEntry[];
  ioServiceTimeRecursive: BlkioEntry[];
  ioWaitTimeRecursive: BlkioEntry[];
  ioMergedRecursive: BlkioEntry[];
  ioTimeRecursive: BlkioEntry[];
  sectorsRecursive: BlkioEntry[];
  /** `io.pressure`. */
  psi?: PsiStats;
}

export interface HugetlbStats {
  usage: Counter;
  max: Counter;
  failcnt: Counter;
}

export interface L3CacheInfo {
  cbmMask: string;
  minCbmBits: Counter;
  numClosids: Counter;
}

export interface MemBwInfo {
  bandwidthGran: Counter;
  delayLinear: Counter;
  minBandwidth: Counter;
  numClosids: Counter;
}

/** Intel RDT (resctrl). katamon does not collect it yet; the shape exists so the schemas are complete. */
export interface IntelRdtStats {
  l3CacheInfo?: L3CacheInfo;
  l3CacheSchemaRoot?: string;
  l3CacheSchema?: string;
  memBwInfo?: MemBwInfo;
  memBwSchemaRoot?: string;
  memBwSchema?: string;
}

export interface InterfaceStats {
  name: string;
  rxBytes: Counter;
  rxPackets: Counter;
  rxErrors: Counter;
  rxDropped: Counter;
  txBytes: Counter;
  txPackets: Counter;
  txErrors: Counter;
  txDropped: Counter;
}

/** Count of sockets per TCP state (from `/proc/net/tcp{,6}` column `st`). */
export interface TcpStats {
  established: Counter;
  synSent: Counter;
  synRecv: Counter;
  finWait1: Counter;
  finWait2: Counter;
  timeWait: Counter;
  close: Counter;
  closeWait: Counter;
  lastAck: Counter;
  listen: Counter;
  closing: Counter;
}

/**
 * UDP socket summary with the kernel's meaning. The `kata` encoder reproduces openEuler's swapped
 * names (its `rx_queued` is the kernel's tx_queue); `full` prints these names.
 */
export interface UdpStats {
  /** Number of socket lines. */
  sockets: Counter;
  /** Sum of the `drops` column. */
  drops: Counter;
  /** Sum of the kernel's tx_queue column (bytes queued for sending). */
  txQueue: Counter;
  /** Sum of the kernel's rx_queue column (bytes queued for receiving). */
  rxQueue: Counter;
}

/** Where the network section came from (printed by the `full` schema). */
export type NetworkOrigin = 'netns' | 'agent' | 'agent-metrics' | 'host-veth' | 'plugin';

export interface NetworkStats {
  /** In ifindex order. */
  interfaces: InterfaceStats[];
  tcp: TcpStats;
  tcp6: TcpStats;
  udp: UdpStats;
  udp6: UdpStats;
  origin: NetworkOrigin;
}

export interface Stats {
  cpu?: CpuStats;
  cpuset?: CpusetStats;
  memory?: MemoryStats;
  pids?: PidsStats;
  blkio?: BlkioStats;
  /** Keyed by page-size label (`2MB`, `1GB`). */
  hugetlb?: Map<string, HugetlbStats>;
  intelRdt?: IntelRdtStats;
  /** Namespace-wide network statistics (kata `interfaces`/`tcp`/`udp`; full `network`). */
  network?: NetworkStats;
  /**
   * runc's `network_interfaces`: host-side veth counters with rx/tx swapped. `undefined` prints `null`,
   * which is what runc prints for every container it did not create veth networks for.
   */
  runcInterfaces?: InterfaceStats[];
}

/** The names of the sections of {@link Stats}; used by merge precedence and per-source errors. */
export type StatsSection = keyof Stats;

export const STATS_SECTIONS: readonly StatsSection[] = [
  'cpu',
  'cpuset',
  'memory',
  'pids',
  'blkio',
  'hugetlb',
  'intelRdt',
  'network',
  'runcInterfaces',
];

/**
 * Bytes swapped out, as cAdvisor reports them: v1's `memory.stat` `total_swap` when it is there, else mem+swap
 * minus memory (v2, and the model's `swap` entry), floored at 0. The `metrics` sample scope promises this value,
 * not `swap.usage` itself (a v1 metrics sample derives that from `total_swap`).
 */
export function swapBytes(memory: MemoryStats): bigint {
  const direct = memory.raw.get('total_swap');
  if (direct !== undefined) return direct;
  const { swap, usage } = memory;
  return swap.usage > usage.usage ? swap.usage - usage.usage : 0n;
}
