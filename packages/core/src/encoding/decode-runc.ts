import type { CpusetStats, InterfaceStats, Stats } from '../model/stats.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import { asObject, i64At, listAt, objectAt, optListAt, stringAt, u16Item, u64At } from './json-reader.js';
import { blkio, cpu, hugetlb, intelRdt, memory, pids } from './go-struct-decoders.js';

/** Inverse of encodeRuncStats; `network_interfaces: null` leaves `runcInterfaces` undefined. */
export function decodeRuncStats(o: JsonObject, path: string): Stats {
  const st: Stats = {
    cpu: cpu(objectAt(o, 'cpu', path), path + '.cpu', true),
    cpuset: cpuset(objectAt(o, 'cpuset', path), path + '.cpuset'),
    memory: memory(objectAt(o, 'memory', path), path + '.memory', true),
    pids: pids(objectAt(o, 'pids', path), path + '.pids'),
    blkio: blkio(objectAt(o, 'blkio', path), path + '.blkio', true),
    hugetlb: hugetlb(o, path),
    intelRdt: intelRdt(objectAt(o, 'intel_rdt', path), path + '.intel_rdt', true),
  };
  const ifaces = optListAt(o, 'network_interfaces', path, networkInterface);
  if (ifaces !== undefined) st.runcInterfaces = ifaces;
  return st;
}

function cpuset(o: JsonObject, path: string): CpusetStats {
  return {
    cpus: listAt(o, 'cpus', path, u16Item),
    cpuExclusive: u64At(o, 'cpu_exclusive', path),
    mems: listAt(o, 'mems', path, u16Item),
    memHardwall: u64At(o, 'mem_hardwall', path),
    memExclusive: u64At(o, 'mem_exclusive', path),
    memoryMigrate: u64At(o, 'memory_migrate', path),
    memorySpreadPage: u64At(o, 'memory_spread_page', path),
    memorySpreadSlab: u64At(o, 'memory_spread_slab', path),
    memoryPressure: u64At(o, 'memory_pressure', path),
    schedLoadBalance: u64At(o, 'sched_load_balance', path),
    schedRelaxDomainLevel: i64At(o, 'sched_relax_domain_level', path),
  };
}

function networkInterface(v: JsonValue, path: string): InterfaceStats {
  const o = asObject(v, path);
  return {
    name: stringAt(o, 'Name', path),
    rxBytes: u64At(o, 'RxBytes', path),
    rxPackets: u64At(o, 'RxPackets', path),
    rxErrors: u64At(o, 'RxErrors', path),
    rxDropped: u64At(o, 'RxDropped', path),
    txBytes: u64At(o, 'TxBytes', path),
    txPackets: u64At(o, 'TxPackets', path),
    txErrors: u64At(o, 'TxErrors', path),
    txDropped: u64At(o, 'TxDropped', path),
  };
}
