import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The host figures docker's CPU % divides by, read as dockerd reads them. */
export interface HostCpu {
  /** Sum of the first 7 fields of the `cpu ` line (steal and guest excluded) × 10^7: ns at USER_HZ 100. */
  systemNs: bigint;
  /** Number of `cpuN` lines: host online CPUs, not the container's cpuset. */
  onlineCpus: number;
}

const NS_PER_TICK = 10_000_000n;

export function parseProcStat(text: string): HostCpu {
  let systemNs = 0n;
  let onlineCpus = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu ')) {
      const fields = line.trim().split(/\s+/).slice(1, 8);
      systemNs = fields.reduce((sum, f) => sum + BigInt(f), 0n) * NS_PER_TICK;
    } else if (/^cpu\d/.test(line)) {
      onlineCpus++;
    }
  }
  return { systemNs, onlineCpus };
}

export async function readHostCpu(procRoot: string): Promise<HostCpu> {
  return parseProcStat(await readFile(join(procRoot, 'stat'), 'utf8'));
}

/** `MemTotal` of /proc/meminfo in bytes; docker caps a container's memory limit to it. */
export async function readMemTotal(procRoot: string): Promise<bigint> {
  const text = await readFile(join(procRoot, 'meminfo'), 'utf8');
  const match = /^MemTotal:\s+(\d+) kB/m.exec(text);
  return match ? BigInt(match[1] as string) * 1024n : 0n;
}
