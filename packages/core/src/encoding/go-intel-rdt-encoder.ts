import type { IntelRdtStats } from '../model/stats.js';
import { goString } from './go-string.js';
import { u64 } from './go-number.js';

/** Separator before a field of a struct whose earlier fields may all have been omitted. */
function sep(s: string): string {
  return s.length === 1 ? '' : ',';
}

/** IntelRdt: every field oe; the mem_bw part exists in runc's struct only. */
export function intelRdt(r: IntelRdtStats | undefined, withMemBw: boolean): string {
  if (r === undefined) return '{}';
  let s = '{';
  const l3 = r.l3CacheInfo;
  if (l3 !== undefined) {
    let e = '{';
    if (l3.cbmMask !== '') e += '"cbm_mask":' + goString(l3.cbmMask);
    if (l3.minCbmBits !== 0n) e += sep(e) + '"min_cbm_bits":' + u64(l3.minCbmBits);
    if (l3.numClosids !== 0n) e += sep(e) + '"num_closids":' + u64(l3.numClosids);
    s += '"l3_cache_info":' + e + '}';
  }
  if (r.l3CacheSchemaRoot) s += sep(s) + '"l3_cache_schema_root":' + goString(r.l3CacheSchemaRoot);
  if (r.l3CacheSchema) s += sep(s) + '"l3_cache_schema":' + goString(r.l3CacheSchema);
  if (!withMemBw) return s + '}';
  const mb = r.memBwInfo;
  if (mb !== undefined) {
    let e = '{';
    if (mb.bandwidthGran !== 0n) e += '"bandwidth_gran":' + u64(mb.bandwidthGran);
    if (mb.delayLinear !== 0n) e += sep(e) + '"delay_linear":' + u64(mb.delayLinear);
    if (mb.minBandwidth !== 0n) e += sep(e) + '"min_bandwidth":' + u64(mb.minBandwidth);
    if (mb.numClosids !== 0n) e += sep(e) + '"num_closids":' + u64(mb.numClosids);
    s += sep(s) + '"mem_bw_info":' + e + '}';
  }
  if (r.memBwSchemaRoot) s += sep(s) + '"mem_bw_schema_root":' + goString(r.memBwSchemaRoot);
  if (r.memBwSchema) s += sep(s) + '"mem_bw_schema":' + goString(r.memBwSchema);
  return s + '}';
}
