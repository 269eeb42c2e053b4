import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { PseudoFileReader } from '@katamon/sysfs';
import { readCgroupV1StatsSync } from '@katamon/cgroup-v1';

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
  firstSweepMs: number;
  usPerContainer: number;
  percentOfOneCoreAt1s: number;
}

/**
 * 1,000 v1 cgroups (one per controller each, as runc creates them), read in one sweep with one shared reader.
 * The cgroups are empty: the kernel's cost of generating a file does not depend much on the tasks in it.
 */
export function fleetBench(count: number, sweeps: number): FleetFigures {
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
    const reader = new PseudoFileReader({ maxOpenFiles: descriptorCap });
    const sweep = (): void => {
      for (const p of paths) {
        const r = readCgroupV1StatsSync(p, { reader, hugePageSizes: [] });
        if (r.issues)
          throw new Error(`fleet sweep issue: ${r.issues[0]?.message}`);
      }
    };
    let start = process.cpuUsage();
    sweep();
    let used = process.cpuUsage(start);
    const firstSweepMs = (used.user + used.system) / 1000;
    const perSweepMs: number[] = [];
    for (let s = 0; s < sweeps; s++) {
      start = process.cpuUsage();
      sweep();
      used = process.cpuUsage(start);
      perSweepMs.push((used.user + used.system) / 1000);
    }
    reader.close();
    const median = [...perSweepMs].sort((a, b) => a - b)[
      perSweepMs.length >> 1
    ] as number;
    return {
      containers: count,
      filesPerContainer,
      descriptorCap,
      firstSweepMs,
      usPerContainer: (median * 1000) / count,
      percentOfOneCoreAt1s: median / 10,
    };
  } finally {
    for (const p of paths)
      for (const dir of Object.values(p)) if (existsSync(dir)) rmdirSync(dir);
    for (const c of CONTROLLERS)
      if (existsSync(`/sys/fs/cgroup/${c}/${BASE}`))
        rmdirSync(`/sys/fs/cgroup/${c}/${BASE}`);
  }
}
