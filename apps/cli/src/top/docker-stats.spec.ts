import type { Sample, Stats } from '@katamon/core';
import {
  blockIo,
  computeTopRow,
  dockerCpuPercent,
  memoryLimit,
  networkIo,
  workingSet,
  type TopPoint,
} from './docker-stats.js';
import { parseProcStat } from './host-cpu.js';

function memory(usage: bigint, limit: bigint, raw: Record<string, bigint>): Stats['memory'] {
  const entry = { limit, usage, max: 0n, failcnt: 0n };
  return { cache: 0n, usage: entry, swap: entry, kernel: entry, kernelTCP: entry, raw: new Map(Object.entries(raw)) };
}

function iface(name: string, rx: bigint, tx: bigint) {
  return {
    name,
    rxBytes: rx,
    txBytes: tx,
    rxPackets: 0n,
    rxErrors: 0n,
    rxDropped: 0n,
    txPackets: 0n,
    txErrors: 0n,
    txDropped: 0n,
  };
}

function point(timestamp: number, cpuNs: bigint, systemNs: bigint, extra: Stats = {}): TopPoint {
  const usage = { total: cpuNs, percpu: [], percpuKernel: [], percpuUser: [], kernel: 0n, user: 0n };
  const sample: Sample = {
    id: 'c1',
    timestamp,
    sources: [],
    issues: [],
    stats: { cpu: { usage, throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n } }, ...extra },
  };
  return { sample, host: { systemNs, onlineCpus: 2 }, memTotal: 1000n, runtime: 'runc', key: 'runc\u0000\u0000c1' };
}

describe('docker stats formulas', () => {
  it('CPU % = Δcpu / Δsystem × online CPUs × 100, and 0 unless both deltas are positive', () => {
    expect(dockerCpuPercent(500n, 2000n, 2)).toBe(50);
    expect(dockerCpuPercent(0n, 2000n, 2)).toBe(0);
    expect(dockerCpuPercent(10n, 0n, 2)).toBe(0);
  });

  it('working set: usage − total_inactive_file on v1, − inactive_file on v2, else usage', () => {
    expect(workingSet({ memory: memory(100n, 0n, { total_inactive_file: 30n, inactive_file: 10n }) })).toBe(70n);
    expect(workingSet({ memory: memory(100n, 0n, { total_inactive_file: 300n, inactive_file: 10n }) })).toBe(90n);
    expect(workingSet({ memory: memory(100n, 0n, { inactive_file: 40n }) })).toBe(60n);
    expect(workingSet({ memory: memory(100n, 0n, { inactive_file: 400n }) })).toBe(100n);
    expect(workingSet({})).toBe(0n);
  });

  it('caps the limit to host memory', () => {
    expect(memoryLimit({ memory: memory(1n, 9223372036854771712n, {}) }, 1000n)).toBe(1000n);
    expect(memoryLimit({ memory: memory(1n, 500n, {}) }, 1000n)).toBe(500n);
  });

  it('sums block I/O by the op first letter and network over all but lo', () => {
    const entry = (op: string, value: bigint) => ({ major: 8n, minor: 0n, op, value });
    const blkio = {
      ioServiceBytesRecursive: [entry('Read', 5n), entry('read', 1n), entry('Write', 7n), entry('Total', 99n)],
    } as Stats['blkio'];
    expect(blockIo({ blkio })).toEqual({ read: 6n, write: 7n });
    const zero = { established: 0n } as never;
    const network = {
      interfaces: [iface('lo', 100n, 100n), iface('eth0', 3n, 4n), iface('eth1', 1n, 1n)],
      tcp: zero,
      tcp6: zero,
      udp: zero,
      udp6: zero,
      origin: 'netns' as const,
    };
    expect(networkIo({ network })).toEqual({ rx: 4n, tx: 5n });
  });

  it('computes a row with rates from two points', () => {
    const before = point(1_000, 1_000_000n, 10_000_000n, {
      pids: { current: 4n, limit: 0n },
      runcInterfaces: [iface('eth0', 1000n, 0n)],
    });
    const after = point(3_000, 2_000_000n, 12_000_000n, {
      pids: { current: 5n, limit: 0n },
      runcInterfaces: [iface('eth0', 5000n, 0n)],
    });
    const row = computeTopRow(before, after);
    expect(row.cpu_percent).toBe(100); // 1e6 / 2e6 × 2 CPUs × 100
    expect(row).toMatchObject({
      cpu_delta_ns: 1_000_000,
      system_delta_ns: 2_000_000,
      online_cpus: 2,
      pids: 5,
      net_rx_bytes: 5000,
      net_rx_rate: 2000,
    });
    expect(computeTopRow(undefined, after)).toMatchObject({ cpu_percent: 0, net_rx_rate: null });
  });

  it('reads system CPU and online CPUs from /proc/stat as dockerd does', () => {
    const stat = 'cpu  10 20 30 40 50 60 70 80 90 100\ncpu0 1 1 1 1 1 1 1 1 1 1\ncpu1 1 1 1 1 1 1 1 1 1 1\nintr 5\n';
    expect(parseProcStat(stat)).toEqual({ systemNs: 280n * 10_000_000n, onlineCpus: 2 });
  });
});
