import type { HugetlbStats } from '@katamon/core';
import { defaultReader, type FileReader } from '@katamon/sysfs';
import { readUint, tryReadUint } from './cgroup-file.js';

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
    // tryRead: the reader remembers an absent file, so a pre-5.7 kernel costs no failed open per sample.
    let usage = rsvd === '' ? undefined : tryReadUint(reader, dir, `hugetlb.${size}.rsvd.usage_in_bytes`);
    if (usage === undefined) {
      rsvd = '';
      usage = readUint(reader, dir, `hugetlb.${size}.usage_in_bytes`);
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
