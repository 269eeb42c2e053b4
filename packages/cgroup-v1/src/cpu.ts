import type { Throttling } from '@katamon/core';
import { defaultReader, forEachKeyValue, joinPath, tryReadParsed, type FileReader } from '@katamon/sysfs';

/** `cpu.stat` of the v1 cpu controller; throttled_time is already ns; burst keys are not in the model. */
export function parseCpuStatV1(text: string, path: string): Throttling {
  const t: Throttling = {
    periods: 0n,
    throttledPeriods: 0n,
    throttledTime: 0n,
  };
  forEachKeyValue(text, path, (key, value) => {
    if (key === 'nr_periods') t.periods = value;
    else if (key === 'nr_throttled') t.throttledPeriods = value;
    else if (key === 'throttled_time') t.throttledTime = value;
  });
  return t;
}

/** CFS throttling; a missing `cpu.stat` (CONFIG_CFS_BANDWIDTH unset) reads as all zero, as runc does. */
export function readCpu(dir: string, reader: FileReader = defaultReader()): Throttling {
  const path = joinPath(dir, 'cpu.stat');
  return (
    tryReadParsed(reader, path, parseCpuStatV1) ?? {
      periods: 0n,
      throttledPeriods: 0n,
      throttledTime: 0n,
    }
  );
}
