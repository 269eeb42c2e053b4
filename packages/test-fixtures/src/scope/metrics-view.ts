import { swapBytes, type Counter, type Stats } from '@katamon/core';

/**
 * The part of `stats` that the `metrics` sample scope promises (see SampleScope): what the Prometheus
 * exposition reads. A metrics-scoped sample and a complete one of the same kernel state have equal views.
 * The CPU total is in the view only without per-CPU data (the exposition prints per-CPU series otherwise).
 */
export function metricsView(stats: Stats): unknown {
  const { cpu, memory, blkio } = stats;
  return {
    cpu: cpu && {
      percpu: cpu.usage.percpu,
      total: cpu.usage.percpu.length === 0 ? cpu.usage.total : undefined,
      user: cpu.usage.user,
      kernel: cpu.usage.kernel,
      throttling: cpu.throttling,
      psi: cpu.psi,
    },
    memory: memory && {
      cache: memory.cache,
      usage: memory.usage,
      // As the exposition reports swap (a v1 metrics sample derives `swap.usage` from memory.stat's `total_swap`).
      swap: { swapped: swapBytes(memory), limit: memory.swap.limit },
      kernel: memory.kernel.usage,
      raw: memory.raw,
      events: memory.events,
      psi: memory.psi,
    },
    blkio: blkio && {
      ioServiceBytesRecursive: blkio.ioServiceBytesRecursive,
      ioServicedRecursive: blkio.ioServicedRecursive,
      psi: blkio.psi,
    },
    hugetlb: stats.hugetlb,
    network: stats.network,
  };
}

/** The monotonic counters of a metrics view, by name: for bracketing a reading between two others. */
export function metricsCounters(stats: Stats): Map<string, Counter> {
  const out = new Map<string, Counter>();
  const { cpu, memory, blkio } = stats;
  if (cpu) {
    out.set('cpu.user', cpu.usage.user);
    out.set('cpu.kernel', cpu.usage.kernel);
    cpu.usage.percpu.forEach((v, i) => out.set(`cpu.percpu.${i}`, v));
    out.set('cpu.periods', cpu.throttling.periods);
    out.set('cpu.throttledPeriods', cpu.throttling.throttledPeriods);
    out.set('cpu.throttledTime', cpu.throttling.throttledTime);
  }
  if (memory) {
    out.set('memory.failcnt', memory.usage.failcnt);
    out.set('memory.max', memory.usage.max);
    for (const key of ['pgfault', 'pgmajfault', 'total_pgfault', 'total_pgmajfault', 'pgpgin', 'pgpgout']) {
      const v = memory.raw.get(key);
      if (v !== undefined) out.set(`memory.raw.${key}`, v);
    }
  }
  for (const e of blkio?.ioServiceBytesRecursive ?? []) out.set(`blkio.bytes.${e.major}:${e.minor}.${e.op}`, e.value);
  for (const e of blkio?.ioServicedRecursive ?? []) out.set(`blkio.ops.${e.major}:${e.minor}.${e.op}`, e.value);
  return out;
}
