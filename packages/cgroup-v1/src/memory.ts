import { zeroMemoryEntry, type MemoryEntry, type MemoryStats, type SampleScope } from '@katamon/core';
import { defaultReader, isNotFound, joinPath, parseKeyValueMap, tryReadParsed, type FileReader } from '@katamon/sysfs';
import { readUint } from './cgroup-file.js';

type EntryName = '' | 'memsw' | 'kmem' | 'kmem.tcp';

function entryFiles(name: EntryName): {
  usage: string;
  max: string;
  failcnt: string;
  limit: string;
} {
  const prefix = name === '' ? 'memory.' : `memory.${name}.`;
  return {
    usage: `${prefix}usage_in_bytes`,
    max: `${prefix}max_usage_in_bytes`,
    failcnt: `${prefix}failcnt`,
    limit: `${prefix}limit_in_bytes`,
  };
}

// File names built once, not per sample.
const ENTRY_FILES: Record<EntryName, ReturnType<typeof entryFiles>> = {
  '': entryFiles(''),
  memsw: entryFiles('memsw'),
  kmem: entryFiles('kmem'),
  'kmem.tcp': entryFiles('kmem.tcp'),
};

/**
 * One `memory[.<name>].{usage_in_bytes,max_usage_in_bytes,failcnt,limit_in_bytes}` entry, read in runc's
 * order. For memsw/kmem/kmem.tcp a missing usage file means the feature is off (swap accounting disabled,
 * kmem accounting absent): a zero entry. `kmem.limit_in_bytes` is gone since kernel 5.16: limit 0, rest kept.
 */
export function readMemoryEntry(
  reader: FileReader,
  dir: string,
  name: EntryName,
  /** Which files after `usage`: every one, only the limit, or none (the rest of the entry is 0). */
  depth: 'all' | 'limit' | 'usage' = 'all',
): MemoryEntry {
  const files = ENTRY_FILES[name];
  let usage: bigint;
  try {
    usage = readUint(reader, dir, files.usage);
  } catch (error) {
    if (name !== '' && isNotFound(error)) return zeroMemoryEntry();
    throw error;
  }
  const all = depth === 'all';
  const entry: MemoryEntry = {
    usage,
    max: all ? readUint(reader, dir, files.max) : 0n,
    failcnt: all ? readUint(reader, dir, files.failcnt) : 0n,
    limit: 0n,
  };
  if (depth === 'usage') return entry;
  try {
    entry.limit = readUint(reader, dir, files.limit);
  } catch (error) {
    if (!(name === 'kmem' && isNotFound(error))) throw error;
  }
  return entry;
}

/**
 * The `metrics` scope's swap entry. The exposition takes v1 swap from `memory.stat`'s `total_swap`, as cAdvisor
 * does; the kernel prints it exactly when swap is accounted, which is when `memory.memsw.*` exist. Then the
 * usage file is not read: the entry's usage is memory usage plus `total_swap` (mem+swap, runc's meaning; it may
 * differ from `memory.memsw.usage_in_bytes` by the kernel's per-CPU stat batching) and its limit is the kept
 * `memory.memsw.limit_in_bytes`. Without `total_swap`, the entry is read as in a complete sample.
 */
function metricsSwap(reader: FileReader, dir: string, raw: ReadonlyMap<string, bigint>, usage: bigint): MemoryEntry {
  const swapped = raw.get('total_swap');
  if (swapped === undefined) return readMemoryEntry(reader, dir, 'memsw', 'limit');
  return {
    ...zeroMemoryEntry(),
    usage: usage + swapped,
    limit: readUint(reader, dir, ENTRY_FILES.memsw.limit),
  };
}

/**
 * The v1 memory controller. Without `memory.stat` the whole section is skipped (undefined), as runc does.
 * The unlimited limit (page-rounded LONG_MAX) is passed through verbatim. The `metrics` scope reads 7 files of
 * 19: memory.stat, the memory entry, the memsw limit (and usage only where `memory.stat` lacks `total_swap`),
 * kmem usage.
 */
export function readMemory(
  dir: string,
  reader: FileReader = defaultReader(),
  scope: SampleScope = 'all',
): MemoryStats | undefined {
  const statPath = joinPath(dir, 'memory.stat');
  // The Map is shared with later samples whose memory.stat is byte-identical (never modified).
  const raw = tryReadParsed(reader, statPath, parseKeyValueMap);
  if (raw === undefined) return undefined;
  if (scope === 'metrics') {
    const usage = readMemoryEntry(reader, dir, '');
    return {
      cache: raw.get('cache') ?? 0n,
      usage,
      swap: metricsSwap(reader, dir, raw, usage.usage),
      kernel: readMemoryEntry(reader, dir, 'kmem', 'usage'),
      kernelTCP: zeroMemoryEntry(),
      raw,
    };
  }
  const memory: MemoryStats = {
    cache: raw.get('cache') ?? 0n,
    usage: readMemoryEntry(reader, dir, ''),
    swap: readMemoryEntry(reader, dir, 'memsw'),
    kernel: readMemoryEntry(reader, dir, 'kmem'),
    kernelTCP: readMemoryEntry(reader, dir, 'kmem.tcp'),
    raw,
  };
  memory.useHierarchy = readUint(reader, dir, 'memory.use_hierarchy') === 1n;
  return memory;
}
