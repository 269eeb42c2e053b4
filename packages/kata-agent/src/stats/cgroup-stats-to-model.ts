import {
  zeroBlkio,
  type BlkioEntry,
  type BlkioStats,
  type CpuStats,
  type HugetlbStats,
  type MemoryEntry,
  type MemoryStats,
  type Stats,
} from '@katamon/core';
import type {
  AgentBlkioEntry,
  AgentBlkioStats,
  AgentCgroupStats,
  AgentMemoryData,
} from '../agent/stats-container-response.js';

/**
 * The guest's cgroup version, inferred from what the agent sent (the response does not say): v2 guests
 * report `memory.stat` keys such as `anon`/`file` and io ops `rios`/`wios`; v1 guests `cache`/`rss`.
 */
export function guestCgroupVersion(cg: AgentCgroupStats): 1 | 2 {
  const stats = cg.memoryStats?.stats;
  if (stats !== undefined && stats.size > 0) {
    if (stats.has('cache') || stats.has('rss') || stats.has('total_cache')) return 1;
    if (stats.has('anon') || stats.has('file')) return 2;
  }
  const ops = cg.blkioStats?.ioServiceBytesRecursive ?? [];
  return ops.some((e) => e.op === 'rios' || e.op === 'wios') ? 2 : 1;
}

const zeroEntry = (): MemoryEntry => ({ limit: 0n, usage: 0n, max: 0n, failcnt: 0n });

function memoryEntry(d: AgentMemoryData | undefined): MemoryEntry {
  return d === undefined ? zeroEntry() : { limit: d.limit, usage: d.usage, max: d.maxUsage, failcnt: d.failcnt };
}

/** cgroups-rs spells v1 blkio ops in lower case; the kernel (and runc, kata 1.x) print `Read`, `Write`, … */
const V1_OPS = new Map([
  ['read', 'Read'],
  ['write', 'Write'],
  ['sync', 'Sync'],
  ['async', 'Async'],
  ['discard', 'Discard'],
  ['total', 'Total'],
]);

function v1Entries(list: readonly AgentBlkioEntry[]): BlkioEntry[] {
  return list.map((e) => ({ major: e.major, minor: e.minor, op: V1_OPS.get(e.op) ?? e.op, value: e.value }));
}

function blkio(b: AgentBlkioStats, version: 1 | 2): BlkioStats {
  if (version === 2) {
    // The v2 agent folds io.stat into one list: split bytes and ios as runc does; dbytes/dios are not printed.
    const out = zeroBlkio();
    for (const e of b.ioServiceBytesRecursive) {
      const entry = (op: string): BlkioEntry => ({ major: e.major, minor: e.minor, op, value: e.value });
      if (e.op === 'read' || e.op === 'rbytes') out.ioServiceBytesRecursive.push(entry('Read'));
      else if (e.op === 'write' || e.op === 'wbytes') out.ioServiceBytesRecursive.push(entry('Write'));
      else if (e.op === 'rios') out.ioServicedRecursive.push(entry('Read'));
      else if (e.op === 'wios') out.ioServicedRecursive.push(entry('Write'));
    }
    return out;
  }
  return {
    ioServiceBytesRecursive: v1Entries(b.ioServiceBytesRecursive),
    ioServicedRecursive: v1Entries(b.ioServicedRecursive),
    // Kata's JSON round-trip drops this list (io_queued vs io_queue); katamon keeps it.
    ioQueueRecursive: v1Entries(b.ioQueuedRecursive),
    ioServiceTimeRecursive: v1Entries(b.ioServiceTimeRecursive),
    ioWaitTimeRecursive: v1Entries(b.ioWaitTimeRecursive),
    ioMergedRecursive: v1Entries(b.ioMergedRecursive),
    ioTimeRecursive: v1Entries(b.ioTimeRecursive),
    sectorsRecursive: v1Entries(b.sectorsRecursive),
  };
}

function memory(m: NonNullable<AgentCgroupStats['memoryStats']>, version: 1 | 2): MemoryStats {
  // v1: field 1 is the `cache` stat. v2 has no `cache` key, so field 1 is 0 and page cache is `file` (as runc).
  const cache = m.cache !== 0n || version === 1 ? m.cache : (m.stats.get('file') ?? 0n);
  return {
    cache,
    usage: memoryEntry(m.usage),
    swap: memoryEntry(m.swapUsage),
    kernel: memoryEntry(m.kernelUsage),
    kernelTCP: zeroEntry(), // the agent protocol has no kmem.tcp field
    raw: new Map(m.stats),
    useHierarchy: m.useHierarchy,
  };
}

function cpu(c: NonNullable<AgentCgroupStats['cpuStats']>): CpuStats {
  const u = c.cpuUsage;
  const t = c.throttlingData;
  return {
    // kernel/user straight from the named fields: the Go shim's v2 mapping swaps them, katamon does not.
    usage: {
      total: u?.totalUsage ?? 0n,
      percpu: [...(u?.percpuUsage ?? [])],
      percpuKernel: [],
      percpuUser: [],
      kernel: u?.usageInKernelmode ?? 0n,
      user: u?.usageInUsermode ?? 0n,
    },
    throttling: {
      periods: t?.periods ?? 0n,
      throttledPeriods: t?.throttledPeriods ?? 0n,
      throttledTime: t?.throttledTime ?? 0n,
    },
  };
}

/** StatsContainer's cgroup part → the model; a section the agent did not send stays absent. */
export function cgroupStatsToModel(cg: AgentCgroupStats): Stats {
  const version = guestCgroupVersion(cg);
  const stats: Stats = {};
  if (cg.cpuStats !== undefined) stats.cpu = cpu(cg.cpuStats);
  if (cg.memoryStats !== undefined) stats.memory = memory(cg.memoryStats, version);
  if (cg.pidsStats !== undefined) stats.pids = { current: cg.pidsStats.current, limit: cg.pidsStats.limit };
  if (cg.blkioStats !== undefined) stats.blkio = blkio(cg.blkioStats, version);
  if (cg.hugetlbStats.size > 0) {
    const hugetlb = new Map<string, HugetlbStats>();
    for (const [size, h] of cg.hugetlbStats) hugetlb.set(size, { usage: h.usage, max: h.maxUsage, failcnt: h.failcnt });
    stats.hugetlb = hugetlb;
  }
  return stats;
}
