import { zeroCpuset, type CpusetStats } from '@katamon/core';
import {
  SysfsError,
  defaultReader,
  joinPath,
  parseSingleInt,
  parseSingleUint,
  parseUintStrict,
  trimSpace,
  tryReadParsed,
  type FileReader,
} from '@katamon/sysfs';

const UINT16_MAX = 65535;

function id(s: string, path: string): number {
  const v = parseUintStrict(s);
  if (v === undefined || v > BigInt(UINT16_MAX))
    throw SysfsError.parse(path, 'an id is not an integer from 0 to 65535');
  return Number(v);
}

/** List syntax `0-3,8,10-11` expanded to ids (uint16); an empty file or a descending range is an error. */
export function parseCpusetList(text: string, path: string): number[] {
  const s = trimSpace(text);
  if (s === '') throw SysfsError.parse(path, 'empty file');
  const out: number[] = [];
  for (const part of s.split(',')) {
    const dash = part.indexOf('-');
    if (dash < 0) {
      out.push(id(part, path));
      continue;
    }
    const from = id(part.slice(0, dash), path);
    const to = id(part.slice(dash + 1), path);
    if (from > to) throw SysfsError.parse(path, 'a range ends below its start');
    for (let i = from; i <= to; i++) out.push(i);
  }
  return out;
}

const FLAGS = [
  ['cpu_exclusive', 'cpuExclusive'],
  ['mem_hardwall', 'memHardwall'],
  ['mem_exclusive', 'memExclusive'],
  ['memory_migrate', 'memoryMigrate'],
  ['memory_spread_page', 'memorySpreadPage'],
  ['memory_spread_slab', 'memorySpreadSlab'],
  ['memory_pressure', 'memoryPressure'],
  ['sched_load_balance', 'schedLoadBalance'],
] as const;

type CpusetFile = 'cpus' | 'mems' | (typeof FLAGS)[number][0] | 'sched_relax_domain_level';
/** The cpuset files a sample reads (without the `cpuset.` prefix). */
export const CPUSET_FILES: readonly CpusetFile[] = [
  'cpus',
  'mems',
  ...FLAGS.map(([file]) => file),
  'sched_relax_domain_level',
];
// File names built once, not per sample.
const BARE = Object.fromEntries(CPUSET_FILES.map((f) => [f, f])) as Record<CpusetFile, string>;
const PREFIXED = Object.fromEntries(CPUSET_FILES.map((f) => [f, `cpuset.${f}`])) as Record<CpusetFile, string>;

/**
 * The cpuset controller. Files carry the `cpuset.` prefix unless the hierarchy was mounted with `noprefix`
 * (then `cpus` exists bare). Every file is optional: a missing one reads as 0 / an empty list.
 */
export function readCpuset(dir: string, reader: FileReader = defaultReader()): CpusetStats {
  let cpus = tryReadParsed(reader, joinPath(dir, 'cpuset.cpus'), parseCpusetList);
  const prefix = cpus === undefined ? '' : 'cpuset.';
  if (cpus === undefined) cpus = tryReadParsed(reader, joinPath(dir, 'cpus'), parseCpusetList);
  const names = prefix === '' ? BARE : PREFIXED;
  const path = (name: CpusetFile): string => joinPath(dir, names[name]);
  const stats: CpusetStats = { ...zeroCpuset(), cpus: cpus ?? [] };
  const mems = tryReadParsed(reader, path('mems'), parseCpusetList);
  if (mems !== undefined) stats.mems = mems;
  for (const [file, key] of FLAGS) {
    const value = tryReadParsed(reader, path(file), parseSingleUint);
    if (value !== undefined) stats[key] = value;
  }
  const relax = tryReadParsed(reader, path('sched_relax_domain_level'), parseSingleInt);
  if (relax !== undefined) stats.schedRelaxDomainLevel = relax;
  return stats;
}
