import type { ContainerIdentity, Sample, Stats } from '@katamon/core';
import type { HostCpu } from './host-cpu.js';

/** One container sample plus the host figures read right after it (as dockerd does, "to avoid noise"). */
export interface TopPoint {
  sample: Sample;
  host: HostCpu;
  memTotal: bigint;
  runtime: string;
  /** The container's key (engine, namespace, id): ids may repeat across containerd namespaces. */
  key: string;
}

/** One line of `katamon top`: docker stats' columns as raw numbers, plus rates and who the container is. */
export interface TopRow {
  id: string;
  name: string | null;
  engine: string;
  namespace: string | null;
  image: string | null;
  runtime: string;
  timestamp: number;
  cpu_percent: number;
  cpu_delta_ns: number;
  system_delta_ns: number;
  online_cpus: number;
  mem_usage: number;
  mem_limit: number;
  mem_percent: number;
  net_rx_bytes: number;
  net_tx_bytes: number;
  block_read_bytes: number;
  block_write_bytes: number;
  /** Bytes per second since the previous sample; null on the first. */
  net_rx_rate: number | null;
  net_tx_rate: number | null;
  block_read_rate: number | null;
  block_write_rate: number | null;
  pids: number;
  /** The container's whole identity (labels, pod, issues), as `events --schema full` prints it. */
  identity: ContainerIdentity | null;
}

/** docker `calculateCPUPercentUnix`: (Δcontainer / Δsystem) × online CPUs × 100, 0 unless both deltas > 0. */
export function dockerCpuPercent(cpuDelta: bigint, systemDelta: bigint, onlineCpus: number): number {
  if (systemDelta <= 0n || cpuDelta <= 0n) return 0;
  return (Number(cpuDelta) / Number(systemDelta)) * onlineCpus * 100;
}

/** docker `calculateMemUsageUnixNoCache`: usage minus inactive file pages (the working set). */
export function workingSet(stats: Stats): bigint {
  const memory = stats.memory;
  if (memory === undefined) return 0n;
  const usage = memory.usage.usage;
  const v1 = memory.raw.get('total_inactive_file');
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = memory.raw.get('inactive_file');
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/** The limit docker shows: the cgroup limit, capped to host memory. */
export function memoryLimit(stats: Stats, memTotal: bigint): bigint {
  const limit = stats.memory?.usage.limit ?? 0n;
  return memTotal > 0n && (limit === 0n || limit > memTotal) ? memTotal : limit;
}

/** docker `calculateBlockIO`: io_service_bytes_recursive summed by op's first letter. */
export function blockIo(stats: Stats): { read: bigint; write: bigint } {
  let read = 0n;
  let write = 0n;
  for (const entry of stats.blkio?.ioServiceBytesRecursive ?? []) {
    const op = entry.op[0];
    if (op === 'r' || op === 'R') read += entry.value;
    else if (op === 'w' || op === 'W') write += entry.value;
  }
  return { read, write };
}

/** docker `calculateNetwork`: every interface of the container's network, loopback left out as docker has none. */
export function networkIo(stats: Stats): { rx: bigint; tx: bigint } {
  let rx = 0n;
  let tx = 0n;
  for (const i of stats.network?.interfaces ?? stats.runcInterfaces ?? []) {
    if (i.name === 'lo') continue;
    rx += i.rxBytes;
    tx += i.txBytes;
  }
  return { rx, tx };
}

function rate(current: bigint, previous: bigint | undefined, seconds: number): number | null {
  if (previous === undefined || seconds <= 0 || current < previous) return null;
  return Number(current - previous) / seconds;
}

/** One row from the previous and the current point of the same container (CPU % needs both). */
export function computeTopRow(previous: TopPoint | undefined, current: TopPoint): TopRow {
  const stats = current.sample.stats;
  const before = previous?.sample.stats;
  const cpuDelta = previous === undefined ? 0n : (stats.cpu?.usage.total ?? 0n) - (before?.cpu?.usage.total ?? 0n);
  const systemDelta = previous === undefined ? 0n : current.host.systemNs - previous.host.systemNs;
  const used = workingSet(stats);
  const limit = memoryLimit(stats, current.memTotal);
  const net = networkIo(stats);
  const block = blockIo(stats);
  const seconds = previous === undefined ? 0 : (current.sample.timestamp - previous.sample.timestamp) / 1000;
  const prevNet = before === undefined ? undefined : networkIo(before);
  const prevBlock = before === undefined ? undefined : blockIo(before);
  const identity = current.sample.identity;
  return {
    id: current.sample.id,
    name: identity?.name ?? null,
    engine: identity?.engine ?? current.runtime,
    namespace: identity?.namespace ?? null,
    image: identity?.image ?? null,
    runtime: current.runtime,
    timestamp: current.sample.timestamp,
    cpu_percent: dockerCpuPercent(cpuDelta, systemDelta, current.host.onlineCpus),
    cpu_delta_ns: Number(cpuDelta),
    system_delta_ns: Number(systemDelta),
    online_cpus: current.host.onlineCpus,
    mem_usage: Number(used),
    mem_limit: Number(limit),
    mem_percent: limit === 0n ? 0 : (Number(used) / Number(limit)) * 100,
    net_rx_bytes: Number(net.rx),
    net_tx_bytes: Number(net.tx),
    block_read_bytes: Number(block.read),
    block_write_bytes: Number(block.write),
    net_rx_rate: rate(net.rx, prevNet?.rx, seconds),
    net_tx_rate: rate(net.tx, prevNet?.tx, seconds),
    block_read_rate: rate(block.read, prevBlock?.read, seconds),
    block_write_rate: rate(block.write, prevBlock?.write, seconds),
    pids: Number(stats.pids?.current ?? 0n),
    identity: identity ?? null,
  };
}
