import { existsSync } from 'node:fs';
import {
  errorKindOf,
  zeroBlkio,
  type SampleIssue,
  type SampleScope,
  type SourceResult,
  type Stats,
} from '@katamon/core';
import { SysfsError, readHugePageSizes, defaultReader, joinPath as join, type FileReader } from '@katamon/sysfs';
import { readCpu } from './cpu.js';
import { emptyMemory, readMemory } from './memory.js';
import { readIo } from './io.js';
import { readPids } from './pids.js';
import { readHugetlb } from './hugetlb.js';
import { readPsi } from './psi.js';

export const SOURCE_NAME = 'cgroup-v2';

export interface ReadCgroupV2Options {
  reader?: FileReader;
  /** Page-size labels (`2MB`, `1GB`); default: the host's, from /sys/kernel/mm/hugepages. */
  hugePageSizes?: readonly string[];
  /** Read `memory.events` for the `full` schema. Default true. */
  memoryEvents?: boolean;
  /** `'metrics'`: skip what the Prometheus exposition does not read (the pids files); default every file. */
  scope?: SampleScope;
}

interface Family {
  name: string;
  /** runc ignores a missing file for these (controller not enabled); pids errors always count. */
  missingIsAbsent: boolean;
  read(dir: string, stats: Stats, reader: FileReader, options: ReadCgroupV2Options): void;
}

let hostSizes: readonly string[] | undefined;

/** The families in runc's order (fs2.Stats); PSI files are separate rows so a bad one spoils nothing else. */
const FAMILIES: readonly Family[] = [
  {
    name: 'pids',
    missingIsAbsent: false,
    read: (d, s, r) => void (s.pids = readPids(d, r)),
  },
  {
    name: 'memory',
    missingIsAbsent: true,
    read: (d, s, r, o) => void (s.memory = readMemory(d, r, { events: o.memoryEvents ?? true })),
  },
  {
    name: 'io',
    missingIsAbsent: true,
    read: (d, s, r) => void (s.blkio = readIo(d, r)),
  },
  {
    name: 'cpu',
    missingIsAbsent: true,
    read: (d, s, r) => void (s.cpu = readCpu(d, r)),
  },
  {
    name: 'cpu.pressure',
    missingIsAbsent: true,
    read: (d, s, r) => {
      const psi = readPsi(join(d, 'cpu.pressure'), r);
      if (psi !== undefined && s.cpu !== undefined) s.cpu.psi = psi;
    },
  },
  {
    name: 'memory.pressure',
    missingIsAbsent: true,
    read: (d, s, r) => {
      const psi = readPsi(join(d, 'memory.pressure'), r);
      // runc sets the PSI even when memory.stat is absent (memory controller off): a zero section with psi.
      if (psi !== undefined) (s.memory ??= emptyMemory()).psi = psi;
    },
  },
  {
    name: 'io.pressure',
    missingIsAbsent: true,
    read: (d, s, r) => {
      const psi = readPsi(join(d, 'io.pressure'), r);
      if (psi !== undefined) (s.blkio ??= zeroBlkio()).psi = psi;
    },
  },
  {
    name: 'hugetlb',
    missingIsAbsent: true,
    read: (d, s, r, o) => {
      // Always a map, possibly empty: runc prints `"hugetlb":{}` without the controller.
      s.hugetlb = new Map();
      readHugetlb(d, o.hugePageSizes ?? (hostSizes ??= readHugePageSizes()), r, s.hugetlb);
    },
  },
];

/**
 * Reads every family of one cgroup v2 directory. Partial failure is data: each failing family becomes an
 * issue and the others are still returned. A directory that disappeared is an error of kind `gone`.
 */
export async function readCgroupV2Stats(dir: string, options: ReadCgroupV2Options = {}): Promise<SourceResult> {
  return readCgroupV2StatsSync(dir, options);
}

/** The synchronous core of {@link readCgroupV2Stats} (cgroupfs reads never block on a device). */
export function readCgroupV2StatsSync(dir: string, options: ReadCgroupV2Options = {}): SourceResult {
  const reader = options.reader ?? defaultReader();
  const stats: Stats = {};
  const issues: SampleIssue[] = [];
  let missing = 0;
  const metrics = options.scope === 'metrics';
  for (const family of FAMILIES) {
    if (metrics && family.name === 'pids') continue;
    try {
      family.read(dir, stats, reader, options);
    } catch (error) {
      if (SysfsError.isKind(error, 'gone')) throw error;
      if (SysfsError.isKind(error, 'not-found')) {
        missing++;
        if (family.missingIsAbsent) continue;
      }
      issues.push({
        source: SOURCE_NAME,
        kind: errorKindOf(error),
        message: `${family.name}: ${error instanceof Error ? error.message : String(error)}`,
        ...(SysfsError.is(error) ? { path: error.path } : {}),
      });
    }
  }
  // cpu.stat exists in every v2 directory, so its absence means the directory may be gone: check once.
  if (missing > 0 && stats.cpu === undefined && !existsSync(dir))
    throw new SysfsError('gone', `cgroup gone: ${dir}`, dir, {
      errno: 'ENOENT',
    });
  return issues.length > 0 ? { stats, issues } : { stats };
}
