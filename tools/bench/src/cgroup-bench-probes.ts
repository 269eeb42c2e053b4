import { execFileSync } from 'node:child_process';
import { openSync, promises as fsp, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerRef, SampleScope } from '@katamon/core';
import { PseudoFileReader, type FileReader } from '@katamon/sysfs';
import { readCgroupV1StatsSync } from '@katamon/cgroup-v1';

/** A ContainerRef from runc's state.json (what the runc resolver does, without depending on it here). */
export function refFromState(root: string, id: string): ContainerRef {
  const state = JSON.parse(readFileSync(`${root}/${id}/state.json`, 'utf8')) as {
    cgroup_paths: Record<string, string>;
  };
  return {
    id,
    runtime: 'runc',
    resolver: 'bench',
    status: 'running',
    cgroup: { version: 1, paths: state.cgroup_paths },
  };
}

/** The files one sample actually reads (present ones), in read order: the C floor preads exactly these. */
export function filesOfOneSample(paths: Readonly<Record<string, string>>, scope: SampleScope = 'all'): string[] {
  const inner = new PseudoFileReader();
  const seen: string[] = [];
  const recorder: FileReader = {
    read: (p) => {
      const text = inner.read(p);
      seen.push(p);
      return text;
    },
    tryRead: (p) => {
      const text = inner.tryRead(p);
      if (text !== undefined) seen.push(p);
      return text;
    },
  };
  readCgroupV1StatsSync(paths, { reader: recorder, hugePageSizes: [], scope });
  inner.close();
  return seen;
}

/** In-process CPU time per call of `fn`, measured with getrusage (process.cpuUsage). */
export function cpuMsPer(fn: () => void, iterations: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / iterations;
}

/** Compiles the C floor program with gcc and runs it over `files`; CPU ms per iteration (one pread per file). */
export function preadFloorMs(distDir: string, files: readonly string[], iterations: number): number {
  const source = join(import.meta.dirname, '..', 'src', 'pread-floor.c');
  const binary = join(distDir, 'pread-floor');
  execFileSync('gcc', ['-O2', '-o', binary, source]);
  // Many files (a fleet) go through stdin: tens of thousands of names overflow an argument list.
  const out = JSON.parse(
    files.length > 1000
      ? execFileSync(binary, [String(iterations), '-'], { encoding: 'utf8', input: files.join('\n') })
      : execFileSync(binary, [String(iterations), ...files], { encoding: 'utf8' }),
  ) as { cpuNsPerIteration: number };
  return out.cpuNsPerIteration / 1e6;
}

/** Sync pread (readSync) vs FileHandle.read on one file: CPU µs per read, the design choice of the reader. */
export async function syncVsFileHandle(
  file: string,
  iterations: number,
): Promise<{ syncUs: number; fileHandleUs: number }> {
  const buffer = Buffer.allocUnsafe(65536);
  const fd = openSync(file, 'r');
  const syncUs = cpuMsPer(() => readSync(fd, buffer, 0, buffer.length, 0), iterations) * 1000;
  const fh = await fsp.open(file, 'r');
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await fh.read(buffer, 0, buffer.length, 0);
  const used = process.cpuUsage(start);
  await fh.close();
  return { syncUs, fileHandleUs: (used.user + used.system) / iterations };
}
