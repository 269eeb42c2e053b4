import { swapBytes, type BlkioEntry, type ContainerRef, type Sample, type Stats } from '@katamon/core';
import type { MetricFamily } from './exposition.js';

type Labels = Record<string, string>;
type Emit = (labels: Labels, value: number) => void;

interface Descriptor {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  /** Pushes this family's samples for one container. */
  collect(stats: Stats, emit: Emit, ctx: { ref: ContainerRef; sample: Sample; device: DeviceName }): void;
}

/** Resolves `major:minor` to cAdvisor's `device` label (`/dev/sda`); '' when unknown. */
export type DeviceName = (major: bigint, minor: bigint) => string;

const s = (ns: bigint): number => Number(ns) / 1e9;
const n = Number;

/**
 * cAdvisor's container families: names, types, units and extra labels as cAdvisor prints them
 * (peers.md §2.2). Deliberate difference: the `failcnt` families are typed gauge, because a counter
 * without `_total` fails `promtool check metrics`; PromQL ignores TYPE, so dashboards are unaffected.
 * cAdvisor's `lo`/`veth*`/`docker*`/`nerdctl*` interface filter is kept so sums match.
 */
const DESCRIPTORS: readonly Descriptor[] = [
  {
    name: 'container_cpu_usage_seconds_total',
    type: 'counter',
    help: 'Cumulative cpu time consumed in seconds.',
    collect: ({ cpu }, emit) => {
      if (!cpu) return;
      // cAdvisor labels per-CPU series cpu00, cpu01…; without per-CPU data (cgroup v2) one `total` series.
      if (cpu.usage.percpu.length === 0) emit({ cpu: 'total' }, s(cpu.usage.total));
      cpu.usage.percpu.forEach((v, i) => emit({ cpu: `cpu${String(i).padStart(2, '0')}` }, s(v)));
    },
  },
  counter(
    'container_cpu_user_seconds_total',
    'Cumulative user cpu time consumed in seconds.',
    (t) => t.cpu && s(t.cpu.usage.user),
  ),
  counter(
    'container_cpu_system_seconds_total',
    'Cumulative system cpu time consumed in seconds.',
    (t) => t.cpu && s(t.cpu.usage.kernel),
  ),
  counter(
    'container_cpu_cfs_periods_total',
    'Number of elapsed enforcement period intervals.',
    (t) => t.cpu && n(t.cpu.throttling.periods),
  ),
  counter(
    'container_cpu_cfs_throttled_periods_total',
    'Number of throttled period intervals.',
    (t) => t.cpu && n(t.cpu.throttling.throttledPeriods),
  ),
  counter(
    'container_cpu_cfs_throttled_seconds_total',
    'Total time duration the container has been throttled.',
    (t) => t.cpu && s(t.cpu.throttling.throttledTime),
  ),
  gauge(
    'container_memory_usage_bytes',
    'Current memory usage in bytes, including all memory regardless of when it was accessed',
    (t) => t.memory && n(t.memory.usage.usage),
  ),
  gauge(
    'container_memory_max_usage_bytes',
    'Maximum memory usage recorded in bytes',
    (t) => t.memory && n(t.memory.usage.max),
  ),
  gauge('container_memory_working_set_bytes', 'Current working set in bytes.', (t) => workingSet(t)),
  gauge('container_memory_rss', 'Size of RSS in bytes.', (t) => raw(t, 'total_rss', 'anon')),
  gauge('container_memory_cache', 'Number of bytes of page cache memory.', (t) => raw(t, 'total_cache', 'file')),
  gauge('container_memory_mapped_file', 'Size of memory mapped files in bytes.', (t) =>
    raw(t, 'total_mapped_file', 'file_mapped'),
  ),
  gauge('container_memory_swap', 'Container swap usage in bytes.', (t) => t.memory && n(swapBytes(t.memory))),
  gauge(
    'container_memory_kernel_usage',
    'Size of kernel memory allocated in bytes.',
    (t) => t.memory && n(t.memory.kernel.usage),
  ),
  gauge('container_memory_failcnt', 'Number of memory usage hits limits', (t) => t.memory && n(t.memory.usage.failcnt)),
  gauge('container_memory_total_active_file_bytes', 'Current total active file in bytes.', (t) =>
    raw(t, 'total_active_file', 'active_file'),
  ),
  gauge('container_memory_total_inactive_file_bytes', 'Current total inactive file in bytes.', (t) =>
    raw(t, 'total_inactive_file', 'inactive_file'),
  ),
  {
    name: 'container_memory_failures_total',
    type: 'counter',
    help: 'Cumulative count of memory allocation failures.',
    collect: (t, emit) => {
      const m = t.memory?.raw;
      if (!m) return;
      for (const [type, key] of [
        ['pgfault', 'pgfault'],
        ['pgmajfault', 'pgmajfault'],
      ] as const) {
        const own = m.get(key);
        const hierarchy = m.get(`total_${key}`) ?? own;
        if (own !== undefined) emit({ failure_type: type, scope: 'container' }, n(own));
        if (hierarchy !== undefined) emit({ failure_type: type, scope: 'hierarchy' }, n(hierarchy));
      }
    },
  },
  counter(
    'container_memory_events_high_total',
    'Number of times the memory usage went over memory.high.',
    (t) => t.memory?.events && n(t.memory.events.high),
  ),
  counter(
    'container_memory_events_max_total',
    'Number of times the memory usage reached memory.max.',
    (t) => t.memory?.events && n(t.memory.events.max),
  ),
  counter(
    'container_oom_events_total',
    'Count of out of memory events observed for the container',
    (t) => t.memory?.events && n(t.memory.events.oomKill),
  ),
  ...(['cpu', 'memory', 'io'] as const).flatMap((resource) => {
    const psi = (t: Stats) => (resource === 'cpu' ? t.cpu?.psi : resource === 'memory' ? t.memory?.psi : t.blkio?.psi);
    return [
      counter(
        `container_pressure_${resource}_stalled_seconds_total`,
        `Total time duration no tasks in the container could make progress due to ${resource} congestion.`,
        (t) => seconds(psi(t)?.full.total),
      ),
      counter(
        `container_pressure_${resource}_waiting_seconds_total`,
        `Total time duration tasks in the container have waited due to ${resource} congestion.`,
        (t) => seconds(psi(t)?.some.total),
      ),
    ];
  }),
  {
    name: 'container_blkio_device_usage_total',
    type: 'counter',
    help: 'Blkio Device bytes usage',
    collect: (t, emit, { device }) => {
      for (const e of t.blkio?.ioServiceBytesRecursive ?? []) {
        emit(
          {
            device: device(e.major, e.minor),
            major: String(e.major),
            minor: String(e.minor),
            operation: cadvisorOp(e.op),
          },
          n(e.value),
        );
      }
    },
  },
  perDevice(
    'container_fs_reads_bytes_total',
    'Cumulative count of bytes read',
    (t) => t.blkio?.ioServiceBytesRecursive,
    'read',
  ),
  perDevice(
    'container_fs_writes_bytes_total',
    'Cumulative count of bytes written',
    (t) => t.blkio?.ioServiceBytesRecursive,
    'write',
  ),
  perDevice(
    'container_fs_reads_total',
    'Cumulative count of reads completed',
    (t) => t.blkio?.ioServicedRecursive,
    'read',
  ),
  perDevice(
    'container_fs_writes_total',
    'Cumulative count of writes completed',
    (t) => t.blkio?.ioServicedRecursive,
    'write',
  ),
  ...(
    [
      ['receive_bytes_total', 'Cumulative count of bytes received', 'rxBytes'],
      ['receive_packets_total', 'Cumulative count of packets received', 'rxPackets'],
      ['receive_packets_dropped_total', 'Cumulative count of packets dropped while receiving', 'rxDropped'],
      ['receive_errors_total', 'Cumulative count of errors encountered while receiving', 'rxErrors'],
      ['transmit_bytes_total', 'Cumulative count of bytes transmitted', 'txBytes'],
      ['transmit_packets_total', 'Cumulative count of packets transmitted', 'txPackets'],
      ['transmit_packets_dropped_total', 'Cumulative count of packets dropped while transmitting', 'txDropped'],
      ['transmit_errors_total', 'Cumulative count of errors encountered while transmitting', 'txErrors'],
    ] as const
  ).map(
    ([suffix, help, field]): Descriptor => ({
      name: `container_network_${suffix}`,
      type: 'counter',
      help,
      collect: (t, emit) => {
        for (const i of t.network?.interfaces ?? [])
          if (!ignoredInterface(i.name)) emit({ interface: i.name }, n(i[field]));
      },
    }),
  ),
  hugetlb('container_hugetlb_usage_bytes', 'Current hugepage usage in bytes', 'usage'),
  hugetlb('container_hugetlb_max_usage_bytes', 'Maximum hugepage usage recorded in bytes', 'max'),
  hugetlb('container_hugetlb_failcnt', 'Number of hugepage usage hits limits', 'failcnt'),
  gauge(
    'container_spec_memory_limit_bytes',
    'Memory limit for the container.',
    (t) => t.memory && n(t.memory.usage.limit),
  ),
  gauge(
    'container_spec_memory_swap_limit_bytes',
    'Memory swap limit for the container.',
    (t) => t.memory && n(t.memory.swap.limit),
  ),
  {
    name: 'container_start_time_seconds',
    type: 'gauge',
    help: 'Start time of the container since unix epoch in seconds.',
    collect: (_t, emit, { ref }) => {
      const created = ref.created === undefined ? NaN : Date.parse(ref.created);
      if (Number.isFinite(created)) emit({}, created / 1000);
    },
  },
  {
    name: 'container_last_seen',
    type: 'gauge',
    help: 'Last time a container was seen by the exporter',
    collect: (_t, emit, { sample }) => emit({}, Math.floor(sample.timestamp / 1000)),
  },
];

/** The cAdvisor families for every sampled container, in table order. */
export function cadvisorFamilies(
  containers: readonly { ref: ContainerRef; sample: Sample; labels: Labels }[],
  device: DeviceName,
): MetricFamily[] {
  return DESCRIPTORS.map((d) => {
    const family: MetricFamily = { name: d.name, type: d.type, help: d.help, samples: [] };
    for (const { ref, sample, labels } of containers) {
      d.collect(sample.stats, (extra, value) => family.samples.push({ labels: { ...labels, ...extra }, value }), {
        ref,
        sample,
        device,
      });
    }
    return family;
  });
}

export const CADVISOR_FAMILY_NAMES: readonly string[] = DESCRIPTORS.map((d) => d.name);

function counter(name: string, help: string, value: (t: Stats) => number | undefined): Descriptor {
  return { name, type: 'counter', help, collect: (t, emit) => emitDefined(emit, value(t)) };
}

function gauge(name: string, help: string, value: (t: Stats) => number | undefined): Descriptor {
  return { name, type: 'gauge', help, collect: (t, emit) => emitDefined(emit, value(t)) };
}

/** PSI totals are µs. */
function seconds(us: bigint | undefined): number | undefined {
  return us === undefined ? undefined : n(us) / 1e6;
}

function emitDefined(emit: Emit, value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value)) emit({}, value);
}

function perDevice(
  name: string,
  help: string,
  entries: (t: Stats) => BlkioEntry[] | undefined,
  op: 'read' | 'write',
): Descriptor {
  return {
    name,
    type: 'counter',
    help,
    collect: (t, emit, { device }) => {
      const sums = new Map<string, number>();
      for (const e of entries(t) ?? []) {
        if (e.op.toLowerCase() !== op) continue;
        const key = device(e.major, e.minor) || `${e.major}:${e.minor}`;
        sums.set(key, (sums.get(key) ?? 0) + n(e.value));
      }
      for (const [dev, value] of sums) emit({ device: dev }, value);
    },
  };
}

function hugetlb(name: string, help: string, field: 'usage' | 'max' | 'failcnt'): Descriptor {
  return {
    name,
    type: 'gauge',
    help,
    collect: (t, emit) => {
      for (const [pagesize, h] of t.hugetlb ?? []) emit({ pagesize }, n(h[field]));
    },
  };
}

/** cgroup v1 `memory.stat` names the hierarchical value `total_*`; v2 has only the plain key. */
function raw(t: Stats, v1Key: string, v2Key: string): number | undefined {
  const m = t.memory?.raw;
  const value = m?.get(v1Key) ?? m?.get(v2Key);
  return value === undefined ? undefined : n(value);
}

/** usage − inactive file, floored at 0 (cAdvisor `setMemoryStats`, docker's "MEM USAGE"). */
function workingSet(t: Stats): number | undefined {
  if (!t.memory) return undefined;
  const usage = t.memory.usage.usage;
  const inactive = t.memory.raw.get('total_inactive_file') ?? t.memory.raw.get('inactive_file') ?? 0n;
  return n(inactive < usage ? usage - inactive : 0n);
}

/** cAdvisor prints the v1 op names (Read, Write, …); v2 entries are lower-case in runc's model. */
function cadvisorOp(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1);
}

function ignoredInterface(name: string): boolean {
  return name === 'lo' || name.startsWith('veth') || name.startsWith('docker') || name.startsWith('nerdctl');
}
