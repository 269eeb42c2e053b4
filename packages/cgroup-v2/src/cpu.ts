import type { CpuStats } from '@katamon/core';
import { forEachKeyValue, defaultReader, joinPath as join, type FileReader } from '@katamon/sysfs';

/** `cpu.stat` (µs in the file, ns in the model); `nr_bursts`/`burst_usec` are not part of the model. */
const MOD64 = 1n << 64n;
// runc multiplies in uint64, so an (absurd) µs count past 2^64/1000 wraps there too.
const ns = (usec: bigint): bigint => (usec * 1000n) % MOD64;

export function parseCpuStat(text: string, path: string): CpuStats {
  const cpu: CpuStats = {
    usage: {
      total: 0n,
      percpu: [],
      percpuKernel: [],
      percpuUser: [],
      kernel: 0n,
      user: 0n,
    },
    throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
  };
  forEachKeyValue(text, path, (key, value) => {
    switch (key) {
      case 'usage_usec':
        cpu.usage.total = ns(value);
        break;
      case 'user_usec':
        cpu.usage.user = ns(value);
        break;
      case 'system_usec':
        cpu.usage.kernel = ns(value);
        break;
      case 'nr_periods':
        cpu.throttling.periods = value;
        break;
      case 'nr_throttled':
        cpu.throttling.throttledPeriods = value;
        break;
      case 'throttled_usec':
        cpu.throttling.throttledTime = ns(value);
        break;
    }
  });
  return cpu;
}

/** Reads `cpu.stat`, which exists even when the cpu controller is not enabled (then only usage is filled). */
export function readCpu(dir: string, reader: FileReader = defaultReader()): CpuStats {
  const path = join(dir, 'cpu.stat');
  return parseCpuStat(reader.read(path), path);
}
