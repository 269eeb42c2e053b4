import { zeroMemory, zeroMemoryEntry, type MemoryEntry, type MemoryEvents, type MemoryStats } from '@katamon/core';
import {
  UINT64_MAX,
  parseKeyValueMap,
  parseSingleUint,
  readParsed,
  tryReadParsed,
  defaultReader,
  joinPath as join,
  type FileReader,
} from '@katamon/sysfs';

const MOD64 = 1n << 64n;

export interface ReadMemoryOptions {
  /** Also read `memory.events` (katamon's `full` schema). Default true. */
  events?: boolean;
}

// Parsed values are shared with later samples whose file bytes are identical (readParsed): never modified.
function single(reader: FileReader, dir: string, file: string): bigint {
  return readParsed(reader, join(dir, file), parseSingleUint);
}

function optionalSingle(reader: FileReader, dir: string, file: string): bigint | undefined {
  return tryReadParsed(reader, join(dir, file), parseSingleUint);
}

/** `memory.events`: counters absent from older kernels (oom_group_kill < 5.17) stay 0. */
/** The memory section with nothing read (what runc holds before filling it). */
export const emptyMemory = zeroMemory;

export function parseMemoryEvents(text: string, path: string): MemoryEvents {
  const map = parseKeyValueMap(text, path);
  return {
    low: map.get('low') ?? 0n,
    high: map.get('high') ?? 0n,
    max: map.get('max') ?? 0n,
    oom: map.get('oom') ?? 0n,
    oomKill: map.get('oom_kill') ?? 0n,
    oomGroupKill: map.get('oom_group_kill') ?? 0n,
  };
}

/**
 * The memory family of one v2 directory, mapped the way runc maps it (reference §3.3):
 * usage ← memory.current, limit ← memory.max (`max` → 2^64−1), max ← memory.peak (kernel ≥ 5.19; else 0),
 * failcnt always 0; swap is reported as memory+swap like v1 memsw, with uint64 wrap-around of the limit.
 * `memory.stat` missing (controller off) propagates as not-found.
 */
export function readMemory(
  dir: string,
  reader: FileReader = defaultReader(),
  options: ReadMemoryOptions = {},
): MemoryStats {
  const statPath = join(dir, 'memory.stat');
  const raw = readParsed(reader, statPath, parseKeyValueMap);
  const usage: MemoryEntry = {
    usage: single(reader, dir, 'memory.current'),
    limit: single(reader, dir, 'memory.max'),
    max: optionalSingle(reader, dir, 'memory.peak') ?? 0n,
    failcnt: 0n,
  };
  // No memory.swap.current: swap accounting is off (CONFIG_MEMCG_SWAP unset or swapaccount=0).
  const swapCurrent = optionalSingle(reader, dir, 'memory.swap.current');
  const swapLimit = swapCurrent === undefined ? 0n : single(reader, dir, 'memory.swap.max');
  const swap: MemoryEntry = {
    usage: (swapCurrent ?? 0n) + usage.usage,
    limit: swapLimit === UINT64_MAX ? UINT64_MAX : (swapLimit + usage.limit) % MOD64,
    max: 0n,
    failcnt: 0n,
  };
  const memory: MemoryStats = {
    cache: raw.get('file') ?? 0n,
    usage,
    swap,
    kernel: zeroMemoryEntry(),
    kernelTCP: zeroMemoryEntry(),
    raw,
  };
  if (options.events ?? true) {
    const eventsPath = join(dir, 'memory.events');
    const text = reader.tryRead(eventsPath);
    if (text !== undefined) memory.events = parseMemoryEvents(text, eventsPath);
  }
  return memory;
}
