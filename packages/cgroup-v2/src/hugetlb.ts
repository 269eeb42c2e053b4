import type { HugetlbStats } from '@katamon/core';
import { parseSingleUint, valueByKey, defaultReader, joinPath as join, type FileReader } from '@katamon/sysfs';

/**
 * Per page size: usage ← `hugetlb.<size>.rsvd.current`, falling back to `hugetlb.<size>.current` for this
 * and every later size once an rsvd file is missing (reservation accounting arrived in kernel 5.7);
 * failcnt ← `max` of `hugetlb.<size>.events`; max is never read (runc leaves it 0).
 * A missing file propagates as not-found; sizes read before it are kept in `into`.
 */
export function readHugetlb(
  dir: string,
  sizes: readonly string[],
  reader: FileReader = defaultReader(),
  into: Map<string, HugetlbStats> = new Map(),
): Map<string, HugetlbStats> {
  let rsvd = '.rsvd';
  for (const size of sizes) {
    let text: string | undefined;
    let usagePath = '';
    while (text === undefined) {
      usagePath = join(dir, `hugetlb.${size}${rsvd}.current`);
      if (rsvd === '') {
        text = reader.read(usagePath);
      } else {
        text = reader.tryRead(usagePath);
        if (text === undefined) rsvd = '';
      }
    }
    const usage = parseSingleUint(text, usagePath);
    const eventsPath = join(dir, `hugetlb.${size}.events`);
    const failcnt = valueByKey(reader.read(eventsPath), 'max', eventsPath);
    into.set(size, { usage, max: 0n, failcnt });
  }
  return into;
}
