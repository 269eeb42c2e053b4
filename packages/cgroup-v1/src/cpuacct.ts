import type { CpuUsage, SampleScope } from '@katamon/core';
import {
  SysfsError,
  defaultReader,
  forEachLine,
  joinPath,
  parseUintStrict,
  readParsed,
  splitFields,
  tryReadParsed,
  type FileReader,
} from '@katamon/sysfs';
import { readUint } from './cgroup-file.js';

const MOD64 = 1n << 64n;
const NS_PER_SEC = 1_000_000_000n;
// USER_HZ: runc hard-codes 100, which is what sysconf(_SC_CLK_TCK) returns on Linux.
const CLOCK_TICKS = 100n;

function uint(s: string | undefined, path: string, what: string): bigint {
  const v = s === undefined ? undefined : parseUintStrict(s);
  if (v === undefined) throw SysfsError.parse(path, `the ${what} is not an unsigned integer`);
  return v;
}

/** `cpuacct.stat`: `user <ticks>\nsystem <ticks>` → ns, with runc's uint64 arithmetic (wraps, truncates). */
export function parseCpuacctStat(text: string, path: string): { user: bigint; kernel: bigint } {
  const f = splitFields(text);
  if (f.length < 4 || f[0] !== 'user' || f[2] !== 'system') {
    throw SysfsError.parse(path, 'not "user <ticks>" then "system <ticks>"');
  }
  const toNs = (ticks: bigint): bigint => ((ticks * NS_PER_SEC) % MOD64) / CLOCK_TICKS;
  return {
    user: toNs(uint(f[1], path, 'user ticks')),
    kernel: toNs(uint(f[3], path, 'system ticks')),
  };
}

/** `cpuacct.usage_percpu`: whitespace-separated ns, one per possible CPU. */
export function parsePercpu(text: string, path: string): bigint[] {
  return splitFields(text).map((s) => uint(s, path, 'per-cpu usage'));
}

/**
 * `cpuacct.usage_all`: header `cpu user system`, then `<cpu> <user ns> <system ns>` per CPU; lines split on
 * single spaces into at most 4 parts, and lines with fewer than 3 parts are skipped.
 */
export function parseUsageAll(text: string, path: string): { user: bigint[]; kernel: bigint[] } {
  const user: bigint[] = [];
  const kernel: bigint[] = [];
  let header = true;
  forEachLine(text, (line) => {
    if (header) {
      header = false;
      if (!line.startsWith('cpu user system')) throw SysfsError.parse(path, 'the header is not "cpu user system"');
      return;
    }
    const parts = line.split(' ', 4);
    if (parts.length < 3) return;
    user.push(uint(parts[1], path, 'user usage'));
    kernel.push(uint(parts[2], path, 'system usage'));
  });
  return { user, kernel };
}

/**
 * The cpuacct controller: total, per-CPU and user/system time. `cpuacct.usage_all` is optional (kernel ≥ 4.7);
 * the other three files are required. In the `metrics` scope only `cpuacct.stat` and `cpuacct.usage_percpu`
 * are read: the total is their sum (the kernel sums the same per-CPU counters for `cpuacct.usage`), and the
 * per-mode per-CPU lists stay empty.
 */
export function readCpuacct(dir: string, reader: FileReader = defaultReader(), scope: SampleScope = 'all'): CpuUsage {
  const statPath = joinPath(dir, 'cpuacct.stat');
  const { user, kernel } = readParsed(reader, statPath, parseCpuacctStat);
  const metrics = scope === 'metrics';
  const total = metrics ? 0n : readUint(reader, dir, 'cpuacct.usage');
  const percpuPath = joinPath(dir, 'cpuacct.usage_percpu');
  const percpu = readParsed(reader, percpuPath, parsePercpu);
  if (metrics) {
    let sum = 0n;
    for (const ns of percpu) sum += ns;
    return {
      total: sum,
      percpu,
      percpuKernel: [],
      percpuUser: [],
      kernel,
      user,
    };
  }
  const allPath = joinPath(dir, 'cpuacct.usage_all');
  const modes = tryReadParsed(reader, allPath, parseUsageAll) ?? {
    user: [],
    kernel: [],
  };
  return {
    total,
    percpu,
    percpuKernel: modes.kernel,
    percpuUser: modes.user,
    kernel,
    user,
  };
}
