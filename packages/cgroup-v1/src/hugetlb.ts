import type { HugetlbStats } from '@katamon/core';
import { defaultReader, isNotFound, type FileReader } from '@katamon/sysfs';
import { readUint } from './cgroup-file.js';

/**
 * Per page size: `hugetlb.<size>.rsvd.{usage_in_bytes,max_usage_in_bytes,failcnt}`, falling back to the
 * non-rsvd files for this and every later size once an rsvd usage file is missing (reservation accounting
 * arrived in kernel 5.7). Every non-rsvd file is required.
 */
export function readHugetlb(
  dir: string,
  sizes: readonly string[],
  reader: FileReader = defaultReader(),
): Map<string, HugetlbStats> {
  const out = new Map<string, HugetlbStats>();
  let rsvd = '.rsvd';
  for (const size of sizes) {
    let usage: bigint | undefined;
    while (usage === undefined) {
      try {
        usage = readUint(reader, dir, `hugetlb.${size}${rsvd}.usage_in_bytes`);
      } catch (error) {
        if (rsvd === '' || !isNotFound(error)) throw error;
        rsvd = '';
      }
    }
    const prefix = `hugetlb.${size}${rsvd}`;
    out.set(size, {
      usage,
      max: readUint(reader, dir, `${prefix}.max_usage_in_bytes`),
      failcnt: readUint(reader, dir, `${prefix}.failcnt`),
    });
  }
  return out;
}
