import type { HugetlbStats } from '../model/stats.js';
import { u64 } from './go-number.js';
import { mapKey, sortedKeys } from './go-struct-encoders.js';

/* Lists and maps of the `full` schema: no omission, keys sorted as the Go-compatible schemas sort them. */

export function u64ListFull(list: readonly bigint[]): string {
  let s = '[';
  for (let i = 0; i < list.length; i++) s += (i === 0 ? '' : ',') + u64(list[i] as bigint);
  return s + ']';
}

export function u64MapFull(map: ReadonlyMap<string, bigint>): string {
  let s = '';
  for (const key of sortedKeys(map)) s += ',' + mapKey(key) + u64(map.get(key) as bigint);
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}

export function hugetlbFull(map: ReadonlyMap<string, HugetlbStats>): string {
  let s = '';
  for (const key of sortedKeys(map)) {
    const h = map.get(key) as HugetlbStats;
    s += ',' + mapKey(key) + `{"usage":${u64(h.usage)},"max":${u64(h.max)},"failcnt":${u64(h.failcnt)}}`;
  }
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}
