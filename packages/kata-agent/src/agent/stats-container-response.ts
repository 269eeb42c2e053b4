import { ProtoReader, WireType } from '../protobuf/proto-reader.js';

/**
 * The agent's StatsContainerResponse as sent (kata-agent-protocol §2.2). Sub-messages are optional because
 * the agent sets each only when the guest has that controller; scalars default to 0 as in proto3.
 */
export interface AgentCpuUsage {
  totalUsage: bigint;
  percpuUsage: bigint[];
  usageInKernelmode: bigint;
  usageInUsermode: bigint;
}
export interface AgentThrottlingData {
  periods: bigint;
  throttledPeriods: bigint;
  throttledTime: bigint;
}
export interface AgentCpuStats {
  cpuUsage?: AgentCpuUsage;
  throttlingData?: AgentThrottlingData;
}
export interface AgentMemoryData {
  usage: bigint;
  maxUsage: bigint;
  failcnt: bigint;
  limit: bigint;
}
export interface AgentMemoryStats {
  cache: bigint;
  usage?: AgentMemoryData;
  swapUsage?: AgentMemoryData;
  kernelUsage?: AgentMemoryData;
  useHierarchy: boolean;
  stats: Map<string, bigint>;
}
export interface AgentPidsStats {
  current: bigint;
  limit: bigint;
}
export interface AgentBlkioEntry {
  major: bigint;
  minor: bigint;
  op: string;
  value: bigint;
}
export const BLKIO_FIELDS = [
  'ioServiceBytesRecursive',
  'ioServicedRecursive',
  'ioQueuedRecursive',
  'ioServiceTimeRecursive',
  'ioWaitTimeRecursive',
  'ioMergedRecursive',
  'ioTimeRecursive',
  'sectorsRecursive',
] as const;
export type AgentBlkioStats = Record<(typeof BLKIO_FIELDS)[number], AgentBlkioEntry[]>;
export interface AgentHugetlbStats {
  usage: bigint;
  maxUsage: bigint;
  failcnt: bigint;
}
export interface AgentCgroupStats {
  cpuStats?: AgentCpuStats;
  memoryStats?: AgentMemoryStats;
  pidsStats?: AgentPidsStats;
  blkioStats?: AgentBlkioStats;
  hugetlbStats: Map<string, AgentHugetlbStats>;
}
export interface AgentNetworkStats {
  name: string;
  rxBytes: bigint;
  rxPackets: bigint;
  rxErrors: bigint;
  rxDropped: bigint;
  txBytes: bigint;
  txPackets: bigint;
  txErrors: bigint;
  txDropped: bigint;
}
export interface StatsContainerResponse {
  cgroupStats?: AgentCgroupStats;
  networkStats: AgentNetworkStats[];
}

type Fill<T> = (r: ProtoReader, field: number, into: T) => void;

/** Reads a message field by field; unknown fields and wrong wire types of unknown fields are skipped. */
function message<T>(r: ProtoReader, into: T, fill: Fill<T>): T {
  for (let field = r.nextField(); field !== 0; field = r.nextField()) fill(r, field, into);
  return into;
}

/** Reads a uint64 field into `into[key]`, checking the wire type. */
function u64<T>(r: ProtoReader, into: T, key: keyof T): void {
  r.expect(WireType.VARINT);
  (into as Record<keyof T, bigint>)[key] = r.varint();
}

function sub<T>(r: ProtoReader, into: T, fill: Fill<T>): T {
  r.expect(WireType.LEN);
  return message(r.sub(), into, fill);
}

/** Uint64 fields by number, in declaration order: field n is keys[n - 1]. */
function scalars<T>(keys: readonly (keyof T)[]): Fill<T> {
  return (r, field, into) => {
    const key = keys[field - 1];
    if (key === undefined) r.skip();
    else u64(r, into, key);
  };
}

const fillCpuUsage: Fill<AgentCpuUsage> = (r, field, into) => {
  if (field === 1) u64(r, into, 'totalUsage');
  else if (field === 2) r.repeatedVarint(into.percpuUsage);
  else if (field === 3) u64(r, into, 'usageInKernelmode');
  else if (field === 4) u64(r, into, 'usageInUsermode');
  else r.skip();
};
const fillThrottling = scalars<AgentThrottlingData>(['periods', 'throttledPeriods', 'throttledTime']);
const fillMemoryData = scalars<AgentMemoryData>(['usage', 'maxUsage', 'failcnt', 'limit']);
const fillPids = scalars<AgentPidsStats>(['current', 'limit']);
const fillHugetlb = scalars<AgentHugetlbStats>(['usage', 'maxUsage', 'failcnt']);
const fillNetworkCounters = scalars<AgentNetworkStats>([
  'name',
  'rxBytes',
  'rxPackets',
  'rxErrors',
  'rxDropped',
  'txBytes',
  'txPackets',
  'txErrors',
  'txDropped',
]);
const fillNetwork: Fill<AgentNetworkStats> = (r, field, into) => {
  if (field === 1) {
    r.expect(WireType.LEN);
    into.name = r.string();
  } else fillNetworkCounters(r, field, into);
};

const memoryData = (): AgentMemoryData => ({ usage: 0n, maxUsage: 0n, failcnt: 0n, limit: 0n });

const fillCpu: Fill<AgentCpuStats> = (r, field, into) => {
  if (field === 1)
    into.cpuUsage = sub(
      r,
      { totalUsage: 0n, percpuUsage: [], usageInKernelmode: 0n, usageInUsermode: 0n },
      fillCpuUsage,
    );
  else if (field === 2)
    into.throttlingData = sub(r, { periods: 0n, throttledPeriods: 0n, throttledTime: 0n }, fillThrottling);
  else r.skip();
};

/** A map entry: key = field 1, value = field 2 (standard protobuf map encoding). */
function mapEntry<V>(r: ProtoReader, readValue: (r: ProtoReader) => V, empty: () => V): [string, V] {
  r.expect(WireType.LEN);
  const entry = r.sub();
  let key = '';
  let value = empty();
  for (let field = entry.nextField(); field !== 0; field = entry.nextField()) {
    if (field === 1) {
      entry.expect(WireType.LEN);
      key = entry.string();
    } else if (field === 2) value = readValue(entry);
    else entry.skip();
  }
  return [key, value];
}

const fillMemory: Fill<AgentMemoryStats> = (r, field, into) => {
  if (field === 1) u64(r, into, 'cache');
  else if (field === 2) into.usage = sub(r, memoryData(), fillMemoryData);
  else if (field === 3) into.swapUsage = sub(r, memoryData(), fillMemoryData);
  else if (field === 4) into.kernelUsage = sub(r, memoryData(), fillMemoryData);
  else if (field === 5) {
    r.expect(WireType.VARINT);
    into.useHierarchy = r.bool();
  } else if (field === 6) r.mapStringUint64(into.stats);
  else r.skip();
};

const fillBlkioCounters = scalars<AgentBlkioEntry>(['major', 'minor', 'op', 'value']);
const fillBlkioEntry: Fill<AgentBlkioEntry> = (r, field, into) => {
  if (field === 3) {
    r.expect(WireType.LEN);
    into.op = r.string();
  } else fillBlkioCounters(r, field, into);
};

const fillBlkio: Fill<AgentBlkioStats> = (r, field, into) => {
  const key = BLKIO_FIELDS[field - 1];
  if (key === undefined) r.skip();
  else into[key].push(sub(r, { major: 0n, minor: 0n, op: '', value: 0n }, fillBlkioEntry));
};

const emptyBlkio = (): AgentBlkioStats => ({
  ioServiceBytesRecursive: [],
  ioServicedRecursive: [],
  ioQueuedRecursive: [],
  ioServiceTimeRecursive: [],
  ioWaitTimeRecursive: [],
  ioMergedRecursive: [],
  ioTimeRecursive: [],
  sectorsRecursive: [],
});

const fillCgroup: Fill<AgentCgroupStats> = (r, field, into) => {
  if (field === 1) into.cpuStats = sub(r, {}, fillCpu);
  else if (field === 2) into.memoryStats = sub(r, { cache: 0n, useHierarchy: false, stats: new Map() }, fillMemory);
  else if (field === 3) into.pidsStats = sub(r, { current: 0n, limit: 0n }, fillPids);
  else if (field === 4) {
    into.blkioStats ??= emptyBlkio();
    r.expect(WireType.LEN);
    message(r.sub(), into.blkioStats, fillBlkio);
  } else if (field === 5) {
    const [key, value] = mapEntry(
      r,
      (e) => sub(e, { usage: 0n, maxUsage: 0n, failcnt: 0n }, fillHugetlb),
      () => ({ usage: 0n, maxUsage: 0n, failcnt: 0n }),
    );
    into.hugetlbStats.set(key, value);
  } else r.skip();
};

/** Decodes a StatsContainerResponse payload; throws a `parse` KataAgentError on malformed bytes. */
export function decodeStatsContainerResponse(payload: Uint8Array): StatsContainerResponse {
  return message(new ProtoReader(payload), { networkStats: [] } as StatsContainerResponse, (r, field, into) => {
    if (field === 1) into.cgroupStats = sub(r, { hugetlbStats: new Map() }, fillCgroup);
    else if (field === 2) {
      into.networkStats.push(
        sub(
          r,
          {
            name: '',
            rxBytes: 0n,
            rxPackets: 0n,
            rxErrors: 0n,
            rxDropped: 0n,
            txBytes: 0n,
            txPackets: 0n,
            txErrors: 0n,
            txDropped: 0n,
          },
          fillNetwork,
        ),
      );
    } else r.skip();
  });
}
