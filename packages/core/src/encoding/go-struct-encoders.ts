import type {
  BlkioEntry,
  BlkioStats,
  CpuUsage,
  HugetlbStats,
  MemoryEntry,
  MemoryStats,
  PidsStats,
  PsiData,
  PsiStats,
  Throttling,
} from '../model/stats.js';
import { compareUtf8, goString } from './go-string.js';
import { f64, u64 } from './go-number.js';

/*
 * The structs kata (§2.b) and runc (§2.a, ≤ 1.3) share, one function per Go struct, fields in declaration
 * order. `oe` marks omitempty fields: they are left out when zero/empty. Strings are appended piecewise
 * because this is the per-event hot path.
 */

/** Separator before a field of a struct whose earlier fields may all have been omitted. */
function sep(s: string): string {
  return s.length === 1 ? '' : ',';
}

export function u64List(list: readonly bigint[]): string {
  if (list.length === 0) return '[]';
  let s = '[' + u64(list[0] as bigint);
  for (let i = 1; i < list.length; i++) s += ',' + u64(list[i] as bigint);
  return s + ']';
}

/** Recent key sequences and their Go order (the same few maps come back every sample). */
const orderCache: { keys: string[]; sorted: readonly string[] }[] = [];
const ORDER_CACHE_SIZE = 8;
let orderCacheNext = 0;

/** Keys of a Go map in the order Go prints them (the array is shared: read it, do not change it). */
export function sortedKeys(map: ReadonlyMap<string, unknown>): readonly string[] {
  const keys = [...map.keys()];
  // memory.stat's keys come in the kernel's (unsorted) order, the same order every sample: a key
  // sequence seen recently is not sorted again.
  for (const entry of orderCache) if (sameKeys(entry.keys, keys)) return entry.sorted;
  let sorted: readonly string[] = keys;
  for (let i = 1; i < keys.length; i++) {
    if (compareUtf8(keys[i - 1] as string, keys[i] as string) > 0) {
      sorted = [...keys].sort(compareUtf8);
      break;
    }
  }
  if (keys.length > 1) {
    orderCache[orderCacheNext] = { keys, sorted };
    orderCacheNext = (orderCacheNext + 1) % ORDER_CACHE_SIZE;
  }
  return sorted;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const keyCache = new Map<string, string>();

/** `"key":` with Go escaping, memoised: map keys come from a small kernel vocabulary. */
export function mapKey(key: string): string {
  let k = keyCache.get(key);
  if (k === undefined) {
    if (keyCache.size > 4096) keyCache.clear(); // untrusted keys must not grow it without bound
    k = goString(key) + ':';
    keyCache.set(key, k);
  }
  return k;
}

export function u64Map(map: ReadonlyMap<string, bigint>): string {
  let s = '{';
  for (const key of sortedKeys(map)) s += sep(s) + mapKey(key) + u64(map.get(key) as bigint);
  return s + '}';
}

/** CpuUsage: total oe, percpu oe, [percpu_kernel oe, percpu_user oe (runc only)], kernel, user. */
export function cpuUsage(u: CpuUsage, percpuSplit: boolean): string {
  let s = '{';
  if (u.total !== 0n) s += '"total":' + u64(u.total);
  if (u.percpu.length !== 0) s += sep(s) + '"percpu":' + u64List(u.percpu);
  if (percpuSplit) {
    if (u.percpuKernel.length !== 0) s += sep(s) + '"percpu_kernel":' + u64List(u.percpuKernel);
    if (u.percpuUser.length !== 0) s += sep(s) + '"percpu_user":' + u64List(u.percpuUser);
  }
  return s + sep(s) + '"kernel":' + u64(u.kernel) + ',"user":' + u64(u.user) + '}';
}

export function throttling(t: Throttling): string {
  let s = '{';
  if (t.periods !== 0n) s += '"periods":' + u64(t.periods);
  if (t.throttledPeriods !== 0n) s += sep(s) + '"throttledPeriods":' + u64(t.throttledPeriods);
  if (t.throttledTime !== 0n) s += sep(s) + '"throttledTime":' + u64(t.throttledTime);
  return s + '}';
}

function psiData(d: PsiData): string {
  return (
    '{"avg10":' +
    f64(d.avg10) +
    ',"avg60":' +
    f64(d.avg60) +
    ',"avg300":' +
    f64(d.avg300) +
    ',"total":' +
    u64(d.total) +
    '}'
  );
}

/** PSIStats (cgroups ≤ v0.0.6): `some` and `full` always present. */
export function psiStats(p: PsiStats): string {
  return '{"some":' + psiData(p.some) + ',"full":' + psiData(p.full) + '}';
}

export function memoryEntry(e: MemoryEntry): string {
  let s = '{"limit":' + u64(e.limit);
  if (e.usage !== 0n) s += ',"usage":' + u64(e.usage);
  if (e.max !== 0n) s += ',"max":' + u64(e.max);
  return s + ',"failcnt":' + u64(e.failcnt) + '}';
}

/** Memory: cache oe, usage, swap, kernel, kernelTCP (struct omitempty has no effect), raw oe, [psi oe]. */
export function memory(m: MemoryStats, withPsi: boolean): string {
  let s = '{';
  if (m.cache !== 0n) s += '"cache":' + u64(m.cache) + ',';
  s +=
    '"usage":' +
    memoryEntry(m.usage) +
    ',"swap":' +
    memoryEntry(m.swap) +
    ',"kernel":' +
    memoryEntry(m.kernel) +
    ',"kernelTCP":' +
    memoryEntry(m.kernelTCP);
  if (m.raw.size !== 0) s += ',"raw":' + u64Map(m.raw);
  if (withPsi && m.psi !== undefined) s += ',"psi":' + psiStats(m.psi);
  return s + '}';
}

export function pids(p: PidsStats): string {
  let s = '{';
  if (p.current !== 0n) s += '"current":' + u64(p.current);
  if (p.limit !== 0n) s += sep(s) + '"limit":' + u64(p.limit);
  return s + '}';
}

function blkioEntry(e: BlkioEntry): string {
  let s = '{';
  if (e.major !== 0n) s += '"major":' + u64(e.major);
  if (e.minor !== 0n) s += sep(s) + '"minor":' + u64(e.minor);
  if (e.op !== '') s += sep(s) + '"op":' + goString(e.op);
  if (e.value !== 0n) s += sep(s) + '"value":' + u64(e.value);
  return s + '}';
}

function blkioList(s: string, key: string, list: readonly BlkioEntry[]): string {
  if (list.length === 0) return s;
  let out = s + sep(s) + key + '[' + blkioEntry(list[0] as BlkioEntry);
  for (let i = 1; i < list.length; i++) out += ',' + blkioEntry(list[i] as BlkioEntry);
  return out + ']';
}

/** Blkio: eight lists, all oe (note `ioQueueRecursive`), [psi oe]. */
export function blkio(b: BlkioStats, withPsi: boolean): string {
  let s = blkioList('{', '"ioServiceBytesRecursive":', b.ioServiceBytesRecursive);
  s = blkioList(s, '"ioServicedRecursive":', b.ioServicedRecursive);
  s = blkioList(s, '"ioQueueRecursive":', b.ioQueueRecursive);
  s = blkioList(s, '"ioServiceTimeRecursive":', b.ioServiceTimeRecursive);
  s = blkioList(s, '"ioWaitTimeRecursive":', b.ioWaitTimeRecursive);
  s = blkioList(s, '"ioMergedRecursive":', b.ioMergedRecursive);
  s = blkioList(s, '"ioTimeRecursive":', b.ioTimeRecursive);
  s = blkioList(s, '"sectorsRecursive":', b.sectorsRecursive);
  if (withPsi && b.psi !== undefined) s += sep(s) + '"psi":' + psiStats(b.psi);
  return s + '}';
}

/** map[string]Hugetlb, always non-nil: `{}` when empty. */
export function hugetlb(map: ReadonlyMap<string, HugetlbStats> | undefined): string {
  if (map === undefined || map.size === 0) return '{}';
  let s = '{';
  for (const key of sortedKeys(map)) {
    const h = map.get(key) as HugetlbStats;
    let e = '{';
    if (h.usage !== 0n) e += '"usage":' + u64(h.usage);
    if (h.max !== 0n) e += sep(e) + '"max":' + u64(h.max);
    s += sep(s) + mapKey(key) + e + sep(e) + '"failcnt":' + u64(h.failcnt) + '}';
  }
  return s + '}';
}
