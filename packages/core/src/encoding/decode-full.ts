import type { SampleIssue } from '../model/event.js';
import type {
  BlkioEntry,
  BlkioStats,
  CpuStats,
  IntelRdtStats,
  MemoryEntry,
  MemoryStats,
  Stats,
} from '../model/stats.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import {
  asObject,
  boolAt,
  i64At,
  listAt,
  mapAt,
  objectAt,
  optObject,
  optStringAt,
  stringAt,
  u16Item,
  u64At,
} from './json-reader.js';
import { optPsi, u64Item } from './go-struct-decoders.js';
import { iface, network } from './decode-full-network.js';

/** Inverse of encodeFullStats: a section is present exactly when its key is. */
export function decodeFullStats(o: JsonObject, path: string): Stats {
  const st: Stats = {};
  const sec = (key: string): JsonObject | undefined => optObject(o, key, path);
  const at = (key: string): string => path + '.' + key;
  let s: JsonObject | undefined;
  if ((s = sec('cpu'))) st.cpu = cpu(s, at('cpu'));
  if ((s = sec('cpuset'))) {
    const p = at('cpuset');
    st.cpuset = {
      cpus: listAt(s, 'cpus', p, u16Item),
      cpuExclusive: u64At(s, 'cpu_exclusive', p),
      mems: listAt(s, 'mems', p, u16Item),
      memHardwall: u64At(s, 'mem_hardwall', p),
      memExclusive: u64At(s, 'mem_exclusive', p),
      memoryMigrate: u64At(s, 'memory_migrate', p),
      memorySpreadPage: u64At(s, 'memory_spread_page', p),
      memorySpreadSlab: u64At(s, 'memory_spread_slab', p),
      memoryPressure: u64At(s, 'memory_pressure', p),
      schedLoadBalance: u64At(s, 'sched_load_balance', p),
      schedRelaxDomainLevel: i64At(s, 'sched_relax_domain_level', p),
    };
  }
  if ((s = sec('memory'))) st.memory = memory(s, at('memory'));
  if ((s = sec('pids'))) st.pids = { current: u64At(s, 'current', at('pids')), limit: u64At(s, 'limit', at('pids')) };
  if ((s = sec('blkio'))) st.blkio = blkio(s, at('blkio'));
  if (sec('hugetlb')) {
    st.hugetlb = mapAt(o, 'hugetlb', path, (v, p) => {
      const h = asObject(v, p);
      return { usage: u64At(h, 'usage', p), max: u64At(h, 'max', p), failcnt: u64At(h, 'failcnt', p) };
    });
  }
  if ((s = sec('intel_rdt'))) st.intelRdt = intelRdt(s, at('intel_rdt'));
  if ((s = sec('network'))) st.network = network(s, at('network'));
  const ri = o.get('runc_interfaces');
  if (ri !== undefined && ri !== null) st.runcInterfaces = listAt(o, 'runc_interfaces', path, iface);
  return st;
}

function cpu(o: JsonObject, path: string): CpuStats {
  const u = objectAt(o, 'usage', path);
  const up = path + '.usage';
  const t = objectAt(o, 'throttling', path);
  const tp = path + '.throttling';
  const c: CpuStats = {
    usage: {
      total: u64At(u, 'total', up),
      percpu: listAt(u, 'percpu', up, u64Item),
      percpuKernel: listAt(u, 'percpu_kernel', up, u64Item),
      percpuUser: listAt(u, 'percpu_user', up, u64Item),
      kernel: u64At(u, 'kernel', up),
      user: u64At(u, 'user', up),
    },
    throttling: {
      periods: u64At(t, 'periods', tp),
      throttledPeriods: u64At(t, 'throttled_periods', tp),
      throttledTime: u64At(t, 'throttled_time', tp),
    },
  };
  const psi = optPsi(o, path);
  if (psi) c.psi = psi;
  return c;
}

function entry(o: JsonObject, key: string, path: string): MemoryEntry {
  const e = objectAt(o, key, path);
  const p = path + '.' + key;
  return {
    limit: u64At(e, 'limit', p),
    usage: u64At(e, 'usage', p),
    max: u64At(e, 'max', p),
    failcnt: u64At(e, 'failcnt', p),
  };
}

function memory(o: JsonObject, path: string): MemoryStats {
  const m: MemoryStats = {
    cache: u64At(o, 'cache', path),
    usage: entry(o, 'usage', path),
    swap: entry(o, 'swap', path),
    kernel: entry(o, 'kernel', path),
    kernelTCP: entry(o, 'kernel_tcp', path),
    raw: mapAt(o, 'raw', path, u64Item),
  };
  const psi = optPsi(o, path);
  if (psi) m.psi = psi;
  const e = optObject(o, 'events', path);
  if (e) {
    const p = path + '.events';
    m.events = {
      low: u64At(e, 'low', p),
      high: u64At(e, 'high', p),
      max: u64At(e, 'max', p),
      oom: u64At(e, 'oom', p),
      oomKill: u64At(e, 'oom_kill', p),
      oomGroupKill: u64At(e, 'oom_group_kill', p),
    };
  }
  const h = boolAt(o, 'use_hierarchy', path);
  if (h !== undefined) m.useHierarchy = h;
  return m;
}

function blkioEntry(v: JsonValue, path: string): BlkioEntry {
  const o = asObject(v, path);
  return {
    major: u64At(o, 'major', path),
    minor: u64At(o, 'minor', path),
    op: stringAt(o, 'op', path),
    value: u64At(o, 'value', path),
  };
}

function blkio(o: JsonObject, path: string): BlkioStats {
  const b: BlkioStats = {
    ioServiceBytesRecursive: listAt(o, 'io_service_bytes_recursive', path, blkioEntry),
    ioServicedRecursive: listAt(o, 'io_serviced_recursive', path, blkioEntry),
    ioQueueRecursive: listAt(o, 'io_queue_recursive', path, blkioEntry),
    ioServiceTimeRecursive: listAt(o, 'io_service_time_recursive', path, blkioEntry),
    ioWaitTimeRecursive: listAt(o, 'io_wait_time_recursive', path, blkioEntry),
    ioMergedRecursive: listAt(o, 'io_merged_recursive', path, blkioEntry),
    ioTimeRecursive: listAt(o, 'io_time_recursive', path, blkioEntry),
    sectorsRecursive: listAt(o, 'sectors_recursive', path, blkioEntry),
  };
  const psi = optPsi(o, path);
  if (psi) b.psi = psi;
  return b;
}

function intelRdt(o: JsonObject, path: string): IntelRdtStats {
  const r: IntelRdtStats = {};
  const l3 = optObject(o, 'l3_cache_info', path);
  if (l3) {
    const p = path + '.l3_cache_info';
    r.l3CacheInfo = {
      cbmMask: stringAt(l3, 'cbm_mask', p),
      minCbmBits: u64At(l3, 'min_cbm_bits', p),
      numClosids: u64At(l3, 'num_closids', p),
    };
  }
  const str = (key: string): string | undefined => optStringAt(o, key, path);
  let v: string | undefined;
  if ((v = str('l3_cache_schema_root')) !== undefined) r.l3CacheSchemaRoot = v;
  if ((v = str('l3_cache_schema')) !== undefined) r.l3CacheSchema = v;
  const mb = optObject(o, 'mem_bw_info', path);
  if (mb) {
    const p = path + '.mem_bw_info';
    r.memBwInfo = {
      bandwidthGran: u64At(mb, 'bandwidth_gran', p),
      delayLinear: u64At(mb, 'delay_linear', p),
      minBandwidth: u64At(mb, 'min_bandwidth', p),
      numClosids: u64At(mb, 'num_closids', p),
    };
  }
  if ((v = str('mem_bw_schema_root')) !== undefined) r.memBwSchemaRoot = v;
  if ((v = str('mem_bw_schema')) !== undefined) r.memBwSchema = v;
  return r;
}

export function decodeIssue(v: JsonValue, path: string): SampleIssue {
  const o = asObject(v, path);
  const issue: SampleIssue = {
    source: stringAt(o, 'source', path),
    kind: stringAt(o, 'kind', path),
    message: stringAt(o, 'message', path),
  };
  const p = optStringAt(o, 'path', path);
  if (p !== undefined) issue.path = p;
  return issue;
}
