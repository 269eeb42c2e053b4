import type {
  BlkioEntry,
  BlkioStats,
  CpuStats,
  HugetlbStats,
  IntelRdtStats,
  MemoryEntry,
  MemoryStats,
  PidsStats,
  PsiData,
  PsiStats,
} from '../model/stats.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import {
  asObject,
  f64At,
  listAt,
  mapAt,
  objectAt,
  optObject,
  optStringAt,
  stringAt,
  toU64,
  u64At,
} from './json-reader.js';

/* Inverse of go-struct-encoders.ts: the structs kata and runc share, omitted keys read as zero. */

export function u64Item(v: JsonValue, path: string): bigint {
  return toU64(v, path);
}

function psiData(o: JsonObject, path: string): PsiData {
  return {
    avg10: f64At(o, 'avg10', path),
    avg60: f64At(o, 'avg60', path),
    avg300: f64At(o, 'avg300', path),
    total: u64At(o, 'total', path),
  };
}

export function optPsi(o: JsonObject, path: string): PsiStats | undefined {
  const p = optObject(o, 'psi', path);
  if (p === undefined) return undefined;
  const at = path + '.psi';
  return { some: psiData(objectAt(p, 'some', at), at + '.some'), full: psiData(objectAt(p, 'full', at), at + '.full') };
}

export function cpu(o: JsonObject, path: string, runc: boolean): CpuStats {
  const u = objectAt(o, 'usage', path);
  const up = path + '.usage';
  const t = objectAt(o, 'throttling', path);
  const tp = path + '.throttling';
  const c: CpuStats = {
    usage: {
      total: u64At(u, 'total', up),
      percpu: listAt(u, 'percpu', up, u64Item),
      percpuKernel: runc ? listAt(u, 'percpu_kernel', up, u64Item) : [],
      percpuUser: runc ? listAt(u, 'percpu_user', up, u64Item) : [],
      kernel: u64At(u, 'kernel', up),
      user: u64At(u, 'user', up),
    },
    throttling: {
      periods: u64At(t, 'periods', tp),
      throttledPeriods: u64At(t, 'throttledPeriods', tp),
      throttledTime: u64At(t, 'throttledTime', tp),
    },
  };
  const psi = runc ? optPsi(o, path) : undefined;
  if (psi !== undefined) c.psi = psi;
  return c;
}

function memoryEntry(o: JsonObject, key: string, path: string): MemoryEntry {
  const e = objectAt(o, key, path);
  const p = path + '.' + key;
  return {
    limit: u64At(e, 'limit', p),
    usage: u64At(e, 'usage', p),
    max: u64At(e, 'max', p),
    failcnt: u64At(e, 'failcnt', p),
  };
}

export function memory(o: JsonObject, path: string, withPsi: boolean): MemoryStats {
  const m: MemoryStats = {
    cache: u64At(o, 'cache', path),
    usage: memoryEntry(o, 'usage', path),
    swap: memoryEntry(o, 'swap', path),
    kernel: memoryEntry(o, 'kernel', path),
    kernelTCP: memoryEntry(o, 'kernelTCP', path),
    raw: mapAt(o, 'raw', path, u64Item),
  };
  const psi = withPsi ? optPsi(o, path) : undefined;
  if (psi !== undefined) m.psi = psi;
  return m;
}

export function pids(o: JsonObject, path: string): PidsStats {
  return { current: u64At(o, 'current', path), limit: u64At(o, 'limit', path) };
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

export function blkio(o: JsonObject, path: string, withPsi: boolean): BlkioStats {
  const b: BlkioStats = {
    ioServiceBytesRecursive: listAt(o, 'ioServiceBytesRecursive', path, blkioEntry),
    ioServicedRecursive: listAt(o, 'ioServicedRecursive', path, blkioEntry),
    ioQueueRecursive: listAt(o, 'ioQueueRecursive', path, blkioEntry),
    ioServiceTimeRecursive: listAt(o, 'ioServiceTimeRecursive', path, blkioEntry),
    ioWaitTimeRecursive: listAt(o, 'ioWaitTimeRecursive', path, blkioEntry),
    ioMergedRecursive: listAt(o, 'ioMergedRecursive', path, blkioEntry),
    ioTimeRecursive: listAt(o, 'ioTimeRecursive', path, blkioEntry),
    sectorsRecursive: listAt(o, 'sectorsRecursive', path, blkioEntry),
  };
  const psi = withPsi ? optPsi(o, path) : undefined;
  if (psi !== undefined) b.psi = psi;
  return b;
}

function hugetlbItem(v: JsonValue, path: string): HugetlbStats {
  const o = asObject(v, path);
  return { usage: u64At(o, 'usage', path), max: u64At(o, 'max', path), failcnt: u64At(o, 'failcnt', path) };
}

export function hugetlb(o: JsonObject, path: string): Map<string, HugetlbStats> {
  return mapAt(o, 'hugetlb', path, hugetlbItem);
}

/** Empty strings are absent (omitempty). */
function optNonEmpty(o: JsonObject, key: string, path: string): string | undefined {
  const s = optStringAt(o, key, path);
  return s === '' ? undefined : s;
}

export function intelRdt(o: JsonObject, path: string, withMemBw: boolean): IntelRdtStats {
  const r: IntelRdtStats = {};
  const l3 = optObject(o, 'l3_cache_info', path);
  if (l3 !== undefined) {
    const p = path + '.l3_cache_info';
    r.l3CacheInfo = {
      cbmMask: stringAt(l3, 'cbm_mask', p),
      minCbmBits: u64At(l3, 'min_cbm_bits', p),
      numClosids: u64At(l3, 'num_closids', p),
    };
  }
  const root = optNonEmpty(o, 'l3_cache_schema_root', path);
  if (root !== undefined) r.l3CacheSchemaRoot = root;
  const schema = optNonEmpty(o, 'l3_cache_schema', path);
  if (schema !== undefined) r.l3CacheSchema = schema;
  if (!withMemBw) return r;
  const mb = optObject(o, 'mem_bw_info', path);
  if (mb !== undefined) {
    const p = path + '.mem_bw_info';
    r.memBwInfo = {
      bandwidthGran: u64At(mb, 'bandwidth_gran', p),
      delayLinear: u64At(mb, 'delay_linear', p),
      minBandwidth: u64At(mb, 'min_bandwidth', p),
      numClosids: u64At(mb, 'num_closids', p),
    };
  }
  const mbRoot = optNonEmpty(o, 'mem_bw_schema_root', path);
  if (mbRoot !== undefined) r.memBwSchemaRoot = mbRoot;
  const mbSchema = optNonEmpty(o, 'mem_bw_schema', path);
  if (mbSchema !== undefined) r.memBwSchema = mbSchema;
  return r;
}
