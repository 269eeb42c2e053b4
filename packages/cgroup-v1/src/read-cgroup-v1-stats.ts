import { existsSync } from 'node:fs';
import {
  errorKindOf,
  type CpuStats,
  type SampleIssue,
  type SampleScope,
  type SourceResult,
  type Stats,
} from '@katamon/core';
import { SysfsError, defaultReader, readHugePageSizes, type FileReader } from '@katamon/sysfs';
import { readCpuacct } from './cpuacct.js';
import { readCpu } from './cpu.js';
import { readMemory } from './memory.js';
import { readPids } from './pids.js';
import { readBlkio } from './blkio.js';
import { readHugetlb } from './hugetlb.js';
import { readCpuset } from './cpuset.js';

export const SOURCE_NAME = 'cgroup-v1';

export interface ReadCgroupV1Options {
  reader?: FileReader;
  /** Page-size labels (`2MB`, `1GB`); default: the host's, from /sys/kernel/mm/hugepages. */
  hugePageSizes?: readonly string[];
  /** `'metrics'`: only the files the Prometheus exposition needs (see SampleScope); default every file. */
  scope?: SampleScope;
}

interface Controller {
  /** Kernel controller name: the key of the container's v1 path map. */
  name: string;
  /** Whether the `metrics` scope reads this controller at all (cpuset and pids feed no cAdvisor family). */
  metrics: boolean;
  read(dir: string, stats: Stats, reader: FileReader, options: ReadCgroupV1Options): void;
}

let hostSizes: readonly string[] | undefined;

function cpuOf(stats: Stats): CpuStats {
  return (stats.cpu ??= {
    usage: {
      total: 0n,
      percpu: [],
      percpuKernel: [],
      percpuUser: [],
      kernel: 0n,
      user: 0n,
    },
    throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
  });
}

/** The controllers runc reads, in its order; a controller without a path is skipped. */
const CONTROLLERS: readonly Controller[] = [
  {
    name: 'cpuset',
    metrics: false,
    read: (d, s, r) => void (s.cpuset = readCpuset(d, r)),
  },
  {
    name: 'memory',
    metrics: true,
    read: (d, s, r, o) => {
      const memory = readMemory(d, r, o.scope);
      if (memory !== undefined) s.memory = memory;
      // No memory.stat: either an old kernel quirk (section skipped) or the cgroup is gone; tell them apart.
      else if (!existsSync(d))
        throw new SysfsError('not-found', `no such cgroup: ${d}`, d, {
          errno: 'ENOENT',
        });
    },
  },
  {
    name: 'cpu',
    metrics: true,
    read: (d, s, r) => void (cpuOf(s).throttling = readCpu(d, r)),
  },
  {
    name: 'cpuacct',
    metrics: true,
    read: (d, s, r, o) => void (cpuOf(s).usage = readCpuacct(d, r, o.scope)),
  },
  {
    name: 'pids',
    metrics: false,
    read: (d, s, r) => void (s.pids = readPids(d, r)),
  },
  {
    name: 'blkio',
    metrics: true,
    read: (d, s, r, o) => void (s.blkio = readBlkio(d, r, o.scope)),
  },
  {
    name: 'hugetlb',
    metrics: true,
    read: (d, s, r, o) => void (s.hugetlb = readHugetlb(d, o.hugePageSizes ?? (hostSizes ??= readHugePageSizes()), r)),
  },
];

/**
 * Reads every controller of one v1 container. Partial failure is data: a failing controller becomes an issue.
 * A controller directory that no longer exists is skipped (runc: path missing); when the memory or cpuacct
 * directory is gone the container is gone.
 */
export async function readCgroupV1Stats(
  paths: Readonly<Record<string, string>>,
  options: ReadCgroupV1Options = {},
): Promise<SourceResult> {
  return readCgroupV1StatsSync(paths, options);
}

export function readCgroupV1StatsSync(
  paths: Readonly<Record<string, string>>,
  options: ReadCgroupV1Options = {},
): SourceResult {
  const reader = options.reader ?? defaultReader();
  // runc prints `"hugetlb":{}` when the v1 hugetlb hierarchy is absent (e.g. hybrid hosts where hugetlb
  // lives only in the unified mount): an empty map, not an absent section.
  const stats: Stats = { hugetlb: new Map() };
  const issues: SampleIssue[] = [];
  const metrics = options.scope === 'metrics';
  for (const controller of CONTROLLERS) {
    const dir = paths[controller.name];
    if (dir === undefined || dir === '' || (metrics && !controller.metrics)) continue;
    try {
      controller.read(dir, stats, reader, options);
    } catch (error) {
      if (SysfsError.isKind(error, 'gone')) throw error;
      if (SysfsError.isKind(error, 'not-found') && !existsSync(dir)) {
        if (controller.name === 'memory' || controller.name === 'cpuacct') {
          throw new SysfsError('gone', `cgroup gone: ${dir}`, dir, {
            errno: 'ENOENT',
          });
        }
        continue;
      }
      issues.push({
        source: SOURCE_NAME,
        kind: errorKindOf(error),
        message: `${controller.name}: ${error instanceof Error ? error.message : String(error)}`,
        ...(SysfsError.is(error) ? { path: error.path } : {}),
      });
    }
  }
  return issues.length > 0 ? { stats, issues } : { stats };
}
