import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import type { ContainerRef } from '@katamon/core';
import { PseudoFileReader } from '@katamon/sysfs';
import { createCgroupV1Source, readCgroupV1StatsSync } from '@katamon/cgroup-v1';
import { filesOfOneSample, preadFloorMs } from './cgroup-bench-probes.js';

const CONTROLLERS = ['cpu', 'cpuacct', 'memory', 'pids', 'cpuset', 'blkio'];
const BASE = 'katamon-bench-fleet';

function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'latin1')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 1024);
}

export interface FleetFigures {
  containers: number;
  filesPerContainer: number;
  descriptorCap: number;
  /** Whether the source re-read with the native batch addon. */
  batched: boolean;
  firstSweepMs: number;
  /** Every file every sweep (the default, runc-exact). */
  usPerContainer: number;
  percentOfOneCoreAt1s: number;
  /**
   * `staticRefreshMs: 10000` at a 1 s interval: 9 sweeps of 10 read only the changing files, 1 reads all;
   * the figure is that average, from both kinds measured.
   */
  staticKept: { usPerSweepKept: number; usPerContainer: number; percentOfOneCoreAt1s: number };
  /**
   * The C pread floor over the same sweep (every file of every container held, one pread each), when the
   * descriptors fit the limit: µs per container, and katamon's every-file sweep as a ratio to it.
   */
  floor?: { usPerContainer: number; ratio: number };
}

/**
 * 1,000 v1 cgroups (one per controller each, as runc creates them), read in one sweep with one shared reader.
 * The cgroups are empty: the kernel's cost of generating a file does not depend much on the tasks in it.
 */
export function fleetBench(count: number, sweeps: number, distDir?: string): FleetFigures {
  const paths: Record<string, string>[] = [];
  for (const c of CONTROLLERS)
    mkdirSync(`/sys/fs/cgroup/${c}/${BASE}`, { recursive: true });
  const cpus = readFileSync('/sys/fs/cgroup/cpuset/cpuset.cpus');
  const mems = readFileSync('/sys/fs/cgroup/cpuset/cpuset.mems');
  writeFileSync(`/sys/fs/cgroup/cpuset/${BASE}/cpuset.cpus`, cpus);
  writeFileSync(`/sys/fs/cgroup/cpuset/${BASE}/cpuset.mems`, mems);
  try {
    for (let i = 0; i < count; i++) {
      const p: Record<string, string> = {};
      for (const c of CONTROLLERS) {
        p[c] = `/sys/fs/cgroup/${c}/${BASE}/c${i}`;
        if (!existsSync(p[c])) mkdirSync(p[c]);
      }
      writeFileSync(`${p['cpuset']}/cpuset.cpus`, cpus);
      writeFileSync(`${p['cpuset']}/cpuset.mems`, mems);
      paths.push(p);
    }
    const probe = new PseudoFileReader();
    readCgroupV1StatsSync(paths[0] as Record<string, string>, {
      reader: probe,
      hugePageSizes: [],
    });
    const filesPerContainer = probe.openFiles;
    probe.close();
    const descriptorCap = Math.min(
      count * filesPerContainer + 64,
      openFileLimit() - 256,
    );
    const refs: ContainerRef[] = paths.map((p, i) => ({
      id: `c${i}`,
      runtime: 'runc',
      resolver: 'bench',
      status: 'running',
      cgroup: { version: 1, paths: p },
    }));
    const measure = (staticRefreshMs: number) => {
      const source = createCgroupV1Source({ maxOpenFiles: descriptorCap, hugePageSizes: [], staticRefreshMs });
      const sweep = (): void => {
        for (const ref of refs) {
          const r = source.collectSync?.(ref);
          if (r?.issues) throw new Error(`fleet sweep issue: ${r.issues[0]?.message}`);
        }
      };
      let start = process.cpuUsage();
      sweep();
      let used = process.cpuUsage(start);
      const firstMs = (used.user + used.system) / 1000;
      const perSweepMs: number[] = [];
      for (let s = 0; s < sweeps; s++) {
        start = process.cpuUsage();
        sweep();
        used = process.cpuUsage(start);
        perSweepMs.push((used.user + used.system) / 1000);
      }
      void source.release?.();
      return { firstMs, medianMs: [...perSweepMs].sort((a, b) => a - b)[perSweepMs.length >> 1] as number };
    };
    const batched = new PseudoFileReader().batching;
    const every = measure(0);
    const kept = measure(3_600_000);
    const firstSweepMs = every.firstMs;
    const median = every.medianMs;
    const amortizedMs = (9 * kept.medianMs + every.medianMs) / 10;
    let floor: FleetFigures['floor'];
    if (distDir !== undefined && count * filesPerContainer < openFileLimit() - 64) {
      const files = paths.flatMap((p) => filesOfOneSample(p));
      const floorUs = (preadFloorMs(distDir, files, sweeps) * 1000) / count;
      floor = { usPerContainer: floorUs, ratio: (median * 1000) / count / floorUs };
    }
    return {
      containers: count,
      filesPerContainer,
      descriptorCap,
      batched,
      firstSweepMs,
      usPerContainer: (median * 1000) / count,
      percentOfOneCoreAt1s: median / 10,
      staticKept: {
        usPerSweepKept: (kept.medianMs * 1000) / count,
        usPerContainer: (amortizedMs * 1000) / count,
        percentOfOneCoreAt1s: amortizedMs / 10,
      },
      ...(floor === undefined ? {} : { floor }),
    };
  } finally {
    for (const p of paths)
      for (const dir of Object.values(p)) if (existsSync(dir)) rmdirSync(dir);
    for (const c of CONTROLLERS)
      if (existsSync(`/sys/fs/cgroup/${c}/${BASE}`))
        rmdirSync(`/sys/fs/cgroup/${c}/${BASE}`);
  }
}
