import type {
  BlkioStats,
  CpuStats,
  CpusetStats,
  MemoryEntry,
  MemoryStats,
  PidsStats,
  TcpStats,
  UdpStats,
} from '../model/stats.js';

/*
 * Zero values of each section: what an encoder prints for a section the sources did not fill, and what a
 * decoder fills for keys Go omitted. Factories, because decoded events are handed to callers who may
 * mutate them.
 */

export function zeroCpu(): CpuStats {
  return {
    usage: { total: 0n, percpu: [], percpuKernel: [], percpuUser: [], kernel: 0n, user: 0n },
    throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
  };
}

export function zeroCpuset(): CpusetStats {
  return {
    cpus: [],
    cpuExclusive: 0n,
    mems: [],
    memHardwall: 0n,
    memExclusive: 0n,
    memoryMigrate: 0n,
    memorySpreadPage: 0n,
    memorySpreadSlab: 0n,
    memoryPressure: 0n,
    schedLoadBalance: 0n,
    schedRelaxDomainLevel: 0n,
  };
}

export function zeroMemoryEntry(): MemoryEntry {
  return { limit: 0n, usage: 0n, max: 0n, failcnt: 0n };
}

export function zeroMemory(): MemoryStats {
  return {
    cache: 0n,
    usage: zeroMemoryEntry(),
    swap: zeroMemoryEntry(),
    kernel: zeroMemoryEntry(),
    kernelTCP: zeroMemoryEntry(),
    raw: new Map(),
  };
}

export function zeroPids(): PidsStats {
  return { current: 0n, limit: 0n };
}

export function zeroBlkio(): BlkioStats {
  return {
    ioServiceBytesRecursive: [],
    ioServicedRecursive: [],
    ioQueueRecursive: [],
    ioServiceTimeRecursive: [],
    ioWaitTimeRecursive: [],
    ioMergedRecursive: [],
    ioTimeRecursive: [],
    sectorsRecursive: [],
  };
}

export function zeroTcp(): TcpStats {
  return {
    established: 0n,
    synSent: 0n,
    synRecv: 0n,
    finWait1: 0n,
    finWait2: 0n,
    timeWait: 0n,
    close: 0n,
    closeWait: 0n,
    lastAck: 0n,
    listen: 0n,
    closing: 0n,
  };
}

export function zeroUdp(): UdpStats {
  return { sockets: 0n, drops: 0n, txQueue: 0n, rxQueue: 0n };
}

// Shared read-only instances for the encoders' hot path.
export const ZERO_CPU: CpuStats = zeroCpu();
export const ZERO_CPUSET: CpusetStats = zeroCpuset();
export const ZERO_MEMORY: MemoryStats = zeroMemory();
export const ZERO_PIDS: PidsStats = zeroPids();
export const ZERO_BLKIO: BlkioStats = zeroBlkio();
export const ZERO_TCP: TcpStats = zeroTcp();
export const ZERO_UDP: UdpStats = zeroUdp();
