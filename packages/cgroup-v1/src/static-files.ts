import { CPUSET_FILES } from './cpuset.js';

/**
 * The v1 files a sample reads that change only when someone writes them (`runc update`, an operator):
 * limits, cpuset placement and flags, pids.max, use_hierarchy. With the source's `staticRefreshMs` they are
 * re-read at most that often; everything else (usage, counters, memory.stat, cpuset.memory_pressure) is
 * read every sample.
 */
const STATIC = new Set([
  'memory.limit_in_bytes',
  'memory.memsw.limit_in_bytes',
  'memory.kmem.limit_in_bytes',
  'memory.kmem.tcp.limit_in_bytes',
  'memory.soft_limit_in_bytes',
  'memory.use_hierarchy',
  'pids.max',
  // Every cpuset file but memory_pressure (a moving average), with and without the prefix.
  ...CPUSET_FILES.filter((f) => f !== 'memory_pressure').flatMap((f) => [f, `cpuset.${f}`]),
]);

export function isStaticV1File(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return STATIC.has(name) || (name.startsWith('hugetlb.') && name.endsWith('.limit_in_bytes'));
}

const PLACEMENT = new Set(['cpus', 'mems', 'cpuset.cpus', 'cpuset.mems']);

/**
 * The static files that nothing but a write to them changes: every one but the cpuset placement (taking a
 * CPU or memory node offline removes it from v1 cpusets without a write). The cpuset flags change only by a
 * write. Kept until a write is seen, by default.
 */
export function isWriteOnlyV1File(path: string): boolean {
  return isStaticV1File(path) && !PLACEMENT.has(path.slice(path.lastIndexOf('/') + 1));
}
