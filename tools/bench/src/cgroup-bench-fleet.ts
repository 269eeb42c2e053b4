import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import type { ContainerRef, SampleScope } from '@katamon/core';
import { PseudoFileReader } from '@katamon/sysfs';
import {
  createCgroupV1Source,
  isStaticV1File,
  isWriteOnlyV1File,
  type CgroupV1SourceOptions,
} from '@katamon/cgroup-v1';
import { filesOfOneSample, preadFloorMs } from './cgroup-bench-probes.js';

const CONTROLLERS = ['cpu', 'cpuacct', 'memory', 'pids', 'cpuset', 'blkio'];
const BASE = 'katamon-bench-fleet';
/** katamon and the C floor alternate this many times; each figure is the median of its rounds. */
const ROUNDS = 3;
const median = (v: readonly number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1] as number;

function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'latin1')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 1024);
}

/** One way of sweeping the fleet: µs of CPU per container per sweep, and what that is at a 1 s interval. */
export interface SweepFigure {
  /** Files one container's sample reads in this sweep. */
  files: number;
  usPerContainer: number;
  percentOfOneCoreAt1s: number;
  /** The C pread floor over exactly these files of every container (when they fit the descriptor limit). */
  floor?: { usPerContainer: number; ratio: number };
}

/** One sample scope (see SampleScope), read three ways. */
export interface ScopeFigures {
  scope: SampleScope;
  firstSweepMs: number;
  /** Every file every sweep, as runc reads them (`watchLimitWrites: false`). */
  every: SweepFigure;
  /** The default: limit files kept until a write to one is seen (one inotify drain per container instead). */
  untilWritten: SweepFigure;
  /**
   * `staticRefreshMs: 10000` at a 1 s interval: 9 sweeps of 10 read only the changing files, 1 reads all;
   * the figure is that average, from both kinds measured.
   */
  staticKept: SweepFigure & { usPerSweepKept: number };
}

export interface FleetFigures {
  containers: number;
  descriptorCap: number;
  /** Whether the source re-read with the native batch addon. */
  batched: boolean;
  /** What `events`/`/stats` read: every runc-schema file. */
  all: ScopeFigures;
  /** What a `/metrics` scrape reads: the files cAdvisor's families need. */
  metrics: ScopeFigures;
}

/**
 * 1,000 v1 cgroups (one per controller each, as runc creates them), read in one sweep with one shared reader,
 * in both sample scopes. The cgroups are empty: the kernel's cost of generating a file does not depend much
 * on the tasks in it.
 */
export function fleetBench(count: number, sweeps: number, distDir?: string): FleetFigures {
  const paths = makeFleet(count);
  try {
    const refs: ContainerRef[] = paths.map((p, i) => ({
      id: `c${i}`,
      runtime: 'runc',
      resolver: 'bench',
      status: 'running',
      cgroup: { version: 1, paths: p },
    }));
    const limit = openFileLimit();
    const descriptorCap = limit - 256;
    const batched = new PseudoFileReader().batching;
    const figures = (scope: SampleScope): ScopeFigures =>
      scopeFigures({ scope, refs, paths, sweeps, descriptorCap, limit, ...(distDir === undefined ? {} : { distDir }) });
    return { containers: count, descriptorCap, batched, all: figures('all'), metrics: figures('metrics') };
  } finally {
    removeFleet(paths);
  }
}

interface ScopeRun {
  scope: SampleScope;
  refs: readonly ContainerRef[];
  paths: readonly Record<string, string>[];
  sweeps: number;
  descriptorCap: number;
  limit: number;
  distDir?: string;
}

function scopeFigures(run: ScopeRun): ScopeFigures {
  const { scope, refs, paths, sweeps, distDir } = run;
  const count = refs.length;
  const measure = (options: CgroupV1SourceOptions): { firstMs: number; medianMs: number } => {
    const source = createCgroupV1Source({ maxOpenFiles: run.descriptorCap, hugePageSizes: [], ...options });
    const sweep = (): void => {
      for (const ref of refs) {
        const r = source.collectSync?.(ref, scope);
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
    return { firstMs, medianMs: median(perSweepMs) };
  };
  const files = paths.map((p) => filesOfOneSample(p, scope));
  const changing = files.map((f) => f.filter((path) => !isStaticV1File(path)));
  const notWriteOnly = files.map((f) => f.filter((path) => !isWriteOnlyV1File(path)));
  const fits = (list: string[][]) => distDir !== undefined && list.length * (list[0]?.length ?? 0) < run.limit - 64;
  const floorMs = (list: string[][]): number | undefined =>
    fits(list) ? preadFloorMs(distDir as string, list.flat(), sweeps) : undefined;
  // katamon and the floor alternate, so both see the same machine state in each round.
  const every: number[] = [];
  const written: number[] = [];
  const kept: number[] = [];
  const floorEvery: number[] = [];
  const floorWritten: number[] = [];
  const floorKept: number[] = [];
  let firstSweepMs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const all = measure({ watchLimitWrites: false });
    firstSweepMs = all.firstMs;
    every.push(all.medianMs);
    written.push(measure({}).medianMs);
    kept.push(measure({ staticRefreshMs: 3_600_000 }).medianMs);
    for (const [list, into] of [
      [files, floorEvery],
      [notWriteOnly, floorWritten],
      [changing, floorKept],
    ] as const) {
      const ms = floorMs(list);
      if (ms !== undefined) into.push(ms);
    }
  }
  const everyMs = median(every);
  const writtenMs = median(written);
  const keptMs = median(kept);
  const amortizedMs = (9 * keptMs + everyMs) / 10;
  const us = (ms: number) => (ms * 1000) / count;
  const withFloor = (ms: number, floor: number[]) =>
    floor.length === 0 ? {} : { floor: { usPerContainer: us(median(floor)), ratio: ms / median(floor) } };
  const amortizedFloor =
    floorEvery.length === 0 || floorKept.length === 0 ? [] : [(9 * median(floorKept) + median(floorEvery)) / 10];
  return {
    scope,
    firstSweepMs,
    every: {
      files: files[0]?.length ?? 0,
      usPerContainer: us(everyMs),
      percentOfOneCoreAt1s: everyMs / 10,
      ...withFloor(everyMs, floorEvery),
    },
    untilWritten: {
      files: notWriteOnly[0]?.length ?? 0,
      usPerContainer: us(writtenMs),
      percentOfOneCoreAt1s: writtenMs / 10,
      ...withFloor(writtenMs, floorWritten),
    },
    staticKept: {
      files: changing[0]?.length ?? 0,
      usPerSweepKept: us(keptMs),
      usPerContainer: us(amortizedMs),
      percentOfOneCoreAt1s: amortizedMs / 10,
      ...withFloor(amortizedMs, amortizedFloor),
    },
  };
}

function makeFleet(count: number): Record<string, string>[] {
  const paths: Record<string, string>[] = [];
  for (const c of CONTROLLERS) mkdirSync(`/sys/fs/cgroup/${c}/${BASE}`, { recursive: true });
  const cpus = readFileSync('/sys/fs/cgroup/cpuset/cpuset.cpus');
  const mems = readFileSync('/sys/fs/cgroup/cpuset/cpuset.mems');
  writeFileSync(`/sys/fs/cgroup/cpuset/${BASE}/cpuset.cpus`, cpus);
  writeFileSync(`/sys/fs/cgroup/cpuset/${BASE}/cpuset.mems`, mems);
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
  return paths;
}

function removeFleet(paths: readonly Record<string, string>[]): void {
  for (const p of paths) for (const dir of Object.values(p)) if (existsSync(dir)) rmdirSync(dir);
  for (const c of CONTROLLERS) if (existsSync(`/sys/fs/cgroup/${c}/${BASE}`)) rmdirSync(`/sys/fs/cgroup/${c}/${BASE}`);
}
