import { zeroBlkio, type BlkioEntry, type BlkioStats, type SampleScope } from '@katamon/core';
import {
  SysfsError,
  defaultReader,
  forEachLine,
  joinPath,
  parseUintStrict,
  tryReadParsed,
  type FileReader,
} from '@katamon/sysfs';

type BlkioKey = Exclude<keyof BlkioStats, 'psi'>;

const eight = (p: string): [string, BlkioKey][] => [
  [`${p}sectors_recursive`, 'sectorsRecursive'],
  [`${p}io_service_time_recursive`, 'ioServiceTimeRecursive'],
  [`${p}io_wait_time_recursive`, 'ioWaitTimeRecursive'],
  [`${p}io_merged_recursive`, 'ioMergedRecursive'],
  [`${p}io_queued_recursive`, 'ioQueueRecursive'],
  [`${p}time_recursive`, 'ioTimeRecursive'],
  [`${p}io_serviced_recursive`, 'ioServicedRecursive'],
  [`${p}io_service_bytes_recursive`, 'ioServiceBytesRecursive'],
];

/** runc's file groups, most detailed first (BFQ debug, BFQ, CFQ, throttle recursive, throttle). */
export const BLKIO_GROUPS: readonly (readonly [string, BlkioKey][])[] = [
  eight('blkio.bfq.'),
  [
    ['blkio.bfq.io_serviced_recursive', 'ioServicedRecursive'],
    ['blkio.bfq.io_service_bytes_recursive', 'ioServiceBytesRecursive'],
  ],
  eight('blkio.'),
  [
    ['blkio.throttle.io_serviced_recursive', 'ioServicedRecursive'],
    ['blkio.throttle.io_service_bytes_recursive', 'ioServiceBytesRecursive'],
  ],
  [
    ['blkio.throttle.io_serviced', 'ioServicedRecursive'],
    ['blkio.throttle.io_service_bytes', 'ioServiceBytesRecursive'],
  ],
];

function isSep(c: number): boolean {
  return c === 32 || c === 58; // ' ' and ':'
}

/** Go `strings.FieldsFunc` splitting on spaces and colons. */
function blkioFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSep(line.charCodeAt(i))) i++;
    const start = i;
    while (i < line.length && !isSep(line.charCodeAt(i))) i++;
    if (i > start) out.push(line.slice(start, i));
  }
  return out;
}

/** One blkio stat file: `MAJ:MIN OP VALUE` or `MAJ:MIN VALUE`; the `Total N` trailer is skipped. */
export function parseBlkioFile(text: string, path: string): BlkioEntry[] {
  const entries: BlkioEntry[] = [];
  forEachLine(text, (line) => {
    const f = blkioFields(line);
    if (f.length < 3) {
      if (f.length === 2 && f[0] === 'Total') return;
      throw SysfsError.parse(path, 'a line has fewer than three fields');
    }
    const uint = (s: string): bigint => {
      const v = parseUintStrict(s);
      if (v === undefined) throw SysfsError.parse(path, 'a value is not an unsigned integer');
      return v;
    };
    const four = f.length === 4;
    entries.push({
      major: uint(f[0] as string),
      minor: uint(f[1] as string),
      op: four ? (f[2] as string) : '',
      value: uint(f[four ? 3 : 2] as string),
    });
  });
  return entries;
}

/** A group member: undefined when missing or without entries. */
function readEntries(reader: FileReader, dir: string, file: string): BlkioEntry[] | undefined {
  const entries = readPresent(reader, dir, file);
  return entries === undefined || entries.length === 0 ? undefined : entries;
}

/** A group member: undefined when missing, possibly empty. */
function readPresent(reader: FileReader, dir: string, file: string): BlkioEntry[] | undefined {
  return tryReadParsed(reader, joinPath(dir, file), parseBlkioFile);
}

/** The throttle groups, recursive then not: the kernel prints both from the cgroup's same list of devices. */
const THROTTLE_RECURSIVE = BLKIO_GROUPS.length - 2;

/** The lists cAdvisor's families read (bytes and operations per device). */
function inMetrics(key: BlkioKey): boolean {
  return key === 'ioServicedRecursive' || key === 'ioServiceBytesRecursive';
}

/**
 * The blkio controller, runc's way: the first group whose first file exists, parses and has entries wins;
 * within it, a later missing or empty file ends reading quietly, a later parse error is an error. The
 * `metrics` scope decides the group the same way, then reads only its operations and bytes files (the other
 * lists stay empty).
 */
export function readBlkio(dir: string, reader: FileReader = defaultReader(), scope: SampleScope = 'all'): BlkioStats {
  const metrics = scope === 'metrics';
  const stats = zeroBlkio();
  for (let g = 0; g < BLKIO_GROUPS.length; g++) {
    const group = BLKIO_GROUPS[g] as (typeof BLKIO_GROUPS)[number];
    const [firstFile, firstKey] = group[0] as [string, BlkioKey];
    let first: BlkioEntry[] | undefined;
    try {
      first = readPresent(reader, dir, firstFile);
    } catch (error) {
      if (SysfsError.isKind(error, 'gone')) throw error;
      first = undefined;
    }
    // A cgroup that never did I/O has no device in its throttle files: the recursive one present and empty
    // means the plain one is empty too (blkcg_print_blkgs walks the same blkg list for both), so the metrics
    // scope does not read it. The complete scope reads it, as runc does.
    if (metrics && g === THROTTLE_RECURSIVE && first?.length === 0) break;
    if (first === undefined || first.length === 0) continue;
    stats[firstKey] = first;
    for (let i = 1; i < group.length; i++) {
      const [file, key] = group[i] as [string, BlkioKey];
      if (metrics && !inMetrics(key)) continue;
      const entries = readEntries(reader, dir, file);
      if (entries === undefined) break;
      stats[key] = entries;
    }
    break;
  }
  return stats;
}
