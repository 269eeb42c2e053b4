import type { CpusetStats, InterfaceStats, Stats } from '../model/stats.js';
import { goString } from './go-string.js';
import { i64, u16, u64 } from './go-number.js';
import { blkio, cpuUsage, hugetlb, memory, pids, psiStats, throttling } from './go-struct-encoders.js';
import { intelRdt } from './go-intel-rdt-encoder.js';
import { ZERO_BLKIO, ZERO_CPU, ZERO_CPUSET, ZERO_MEMORY, ZERO_PIDS } from './zero-stats.js';

/**
 * `data` of `runc events` as runc 1.2–1.3 print it (events-contract §2.a, the "≤1.3" side of every omit
 * note: no omitzero, no `schemata`). PSI appears only where the model holds it, so cgroup v1 output is
 * byte-identical to runc 1.1.5.
 */
export function encodeRuncStats(st: Stats): string {
  const cpu = st.cpu ?? ZERO_CPU;
  let c = '{"usage":' + cpuUsage(cpu.usage, true) + ',"throttling":' + throttling(cpu.throttling);
  if (cpu.psi !== undefined) c += ',"psi":' + psiStats(cpu.psi);
  return (
    '{"cpu":' +
    c +
    '},"cpuset":' +
    cpuset(st.cpuset ?? ZERO_CPUSET) +
    ',"memory":' +
    memory(st.memory ?? ZERO_MEMORY, true) +
    ',"pids":' +
    pids(st.pids ?? ZERO_PIDS) +
    ',"blkio":' +
    blkio(st.blkio ?? ZERO_BLKIO, true) +
    ',"hugetlb":' +
    hugetlb(st.hugetlb) +
    ',"intel_rdt":' +
    intelRdt(st.intelRdt, true) +
    ',"network_interfaces":' +
    (st.runcInterfaces === undefined ? 'null' : networkInterfaces(st.runcInterfaces)) +
    '}'
  );
}

function u16List(list: readonly number[]): string {
  let s = '[';
  for (let i = 0; i < list.length; i++) s += (i === 0 ? '' : ',') + u16(list[i] as number);
  return s + ']';
}

/** CPUSet: the id lists are omitempty, every scalar is always printed. */
function cpuset(c: CpusetStats): string {
  let s = '{';
  if (c.cpus.length !== 0) s += '"cpus":' + u16List(c.cpus) + ',';
  s += '"cpu_exclusive":' + u64(c.cpuExclusive);
  if (c.mems.length !== 0) s += ',"mems":' + u16List(c.mems);
  return (
    s +
    ',"mem_hardwall":' +
    u64(c.memHardwall) +
    ',"mem_exclusive":' +
    u64(c.memExclusive) +
    ',"memory_migrate":' +
    u64(c.memoryMigrate) +
    ',"memory_spread_page":' +
    u64(c.memorySpreadPage) +
    ',"memory_spread_slab":' +
    u64(c.memorySpreadSlab) +
    ',"memory_pressure":' +
    u64(c.memoryPressure) +
    ',"sched_load_balance":' +
    u64(c.schedLoadBalance) +
    ',"sched_relax_domain_level":' +
    i64(c.schedRelaxDomainLevel) +
    '}'
  );
}

/** []*NetworkInterface: no json tags, so Go's field names are the keys; nothing omitted. */
function networkInterfaces(list: readonly InterfaceStats[]): string {
  let s = '[';
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as InterfaceStats;
    s +=
      (i === 0 ? '{"Name":' : ',{"Name":') +
      goString(f.name) +
      ',"RxBytes":' +
      u64(f.rxBytes) +
      ',"RxPackets":' +
      u64(f.rxPackets) +
      ',"RxErrors":' +
      u64(f.rxErrors) +
      ',"RxDropped":' +
      u64(f.rxDropped) +
      ',"TxBytes":' +
      u64(f.txBytes) +
      ',"TxPackets":' +
      u64(f.txPackets) +
      ',"TxErrors":' +
      u64(f.txErrors) +
      ',"TxDropped":' +
      u64(f.txDropped) +
      '}';
  }
  return s + ']';
}
