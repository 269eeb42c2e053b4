import { WireWriter } from './proto-wire.js';

/**
 * The agent's StatsContainerResponse (kata-agent-protocol §2.2) as the fake serves it. The shape matches
 * what katamon's decoder returns, so a test can compare the two with toEqual.
 */
export interface FakeMemoryData {
  usage: bigint;
  maxUsage: bigint;
  failcnt: bigint;
  limit: bigint;
}
export interface FakeBlkioEntry {
  major: bigint;
  minor: bigint;
  op: string;
  value: bigint;
}
export interface FakeCgroupStats {
  cpuStats?: {
    cpuUsage?: { totalUsage: bigint; percpuUsage: bigint[]; usageInKernelmode: bigint; usageInUsermode: bigint };
    throttlingData?: { periods: bigint; throttledPeriods: bigint; throttledTime: bigint };
  };
  memoryStats?: {
    cache: bigint;
    usage?: FakeMemoryData;
    swapUsage?: FakeMemoryData;
    kernelUsage?: FakeMemoryData;
    useHierarchy: boolean;
    stats: Map<string, bigint>;
  };
  pidsStats?: { current: bigint; limit: bigint };
  blkioStats?: Record<(typeof FAKE_BLKIO_FIELDS)[number], FakeBlkioEntry[]>;
  hugetlbStats: Map<string, { usage: bigint; maxUsage: bigint; failcnt: bigint }>;
}
export interface FakeNetworkStats {
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
export interface FakeStatsContainerResponse {
  cgroupStats?: FakeCgroupStats;
  networkStats: FakeNetworkStats[];
}

/** Field order = field numbers 1..8 of BlkioStats. */
export const FAKE_BLKIO_FIELDS = [
  'ioServiceBytesRecursive',
  'ioServicedRecursive',
  'ioQueuedRecursive',
  'ioServiceTimeRecursive',
  'ioWaitTimeRecursive',
  'ioMergedRecursive',
  'ioTimeRecursive',
  'sectorsRecursive',
] as const;

export interface EncodeOptions {
  /** Repeated scalars packed (proto3 default) or unpacked (also legal; decoders must accept both). */
  packed?: boolean;
}

const memoryData = (d: FakeMemoryData): WireWriter =>
  new WireWriter().uint(1, d.usage).uint(2, d.maxUsage).uint(3, d.failcnt).uint(4, d.limit);

export function encodeStatsContainerResponse(
  resp: FakeStatsContainerResponse,
  options: EncodeOptions = {},
): Uint8Array {
  const packed = options.packed ?? true;
  const out = new WireWriter();
  const cg = resp.cgroupStats;
  if (cg !== undefined) {
    const c = new WireWriter();
    if (cg.cpuStats !== undefined) {
      const cpu = new WireWriter();
      const u = cg.cpuStats.cpuUsage;
      if (u !== undefined) {
        cpu.message(
          1,
          new WireWriter()
            .uint(1, u.totalUsage)
            .repeated(2, u.percpuUsage, packed)
            .uint(3, u.usageInKernelmode)
            .uint(4, u.usageInUsermode),
        );
      }
      const t = cg.cpuStats.throttlingData;
      if (t !== undefined)
        cpu.message(2, new WireWriter().uint(1, t.periods).uint(2, t.throttledPeriods).uint(3, t.throttledTime));
      c.message(1, cpu);
    }
    const m = cg.memoryStats;
    if (m !== undefined) {
      const mem = new WireWriter().uint(1, m.cache);
      if (m.usage !== undefined) mem.message(2, memoryData(m.usage));
      if (m.swapUsage !== undefined) mem.message(3, memoryData(m.swapUsage));
      if (m.kernelUsage !== undefined) mem.message(4, memoryData(m.kernelUsage));
      mem.uint(5, m.useHierarchy ? 1 : 0);
      for (const [k, v] of m.stats) mem.message(6, new WireWriter().string(1, k).uint(2, v));
      c.message(2, mem);
    }
    if (cg.pidsStats !== undefined)
      c.message(3, new WireWriter().uint(1, cg.pidsStats.current).uint(2, cg.pidsStats.limit));
    if (cg.blkioStats !== undefined) {
      const b = new WireWriter();
      FAKE_BLKIO_FIELDS.forEach((name, i) => {
        for (const e of (cg.blkioStats as NonNullable<FakeCgroupStats['blkioStats']>)[name]) {
          b.message(i + 1, new WireWriter().uint(1, e.major).uint(2, e.minor).string(3, e.op).uint(4, e.value));
        }
      });
      c.message(4, b);
    }
    for (const [size, h] of cg.hugetlbStats) {
      c.message(
        5,
        new WireWriter()
          .string(1, size)
          .message(2, new WireWriter().uint(1, h.usage).uint(2, h.maxUsage).uint(3, h.failcnt)),
      );
    }
    out.message(1, c);
  }
  for (const n of resp.networkStats) {
    out.message(
      2,
      new WireWriter()
        .string(1, n.name)
        .uint(2, n.rxBytes)
        .uint(3, n.rxPackets)
        .uint(4, n.rxErrors)
        .uint(5, n.rxDropped)
        .uint(6, n.txBytes)
        .uint(7, n.txPackets)
        .uint(8, n.txErrors)
        .uint(9, n.txDropped),
    );
  }
  return out.finish();
}

/** Metrics{metrics = 1}. */
export function encodeMetrics(text: string): Uint8Array {
  return new WireWriter().string(1, text).finish();
}

/** HealthCheckResponse{status = 1}; the Rust agent always answers SERVING (1). */
export function encodeHealthCheck(status = 1): Uint8Array {
  return new WireWriter().uint(1, status).finish();
}

export function encodeVersionCheck(grpcVersion: string, agentVersion: string): Uint8Array {
  return new WireWriter().string(1, grpcVersion).string(2, agentVersion).finish();
}
