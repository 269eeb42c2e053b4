import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';

/** The host figures docker's CPU % divides by, read as dockerd reads them. */
export interface HostCpu {
  /** Sum of the first 7 fields of the `cpu ` line (steal and guest excluded) × 10^7: ns at USER_HZ 100. */
  systemNs: bigint;
  /** Number of `cpuN` lines: host online CPUs, not the container's cpuset. */
  onlineCpus: number;
}

const NS_PER_TICK = 10_000_000n;
const TICKS = /^\d{1,20}$/;

/** `/proc/stat` (its path names it in errors); throws `parse` when there is no well-formed `cpu ` line. */
export function parseProcStat(text: string, path = '/proc/stat'): HostCpu {
  let systemNs: bigint | undefined;
  let onlineCpus = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu ')) {
      const fields = line.trim().split(/\s+/).slice(1, 8);
      if (fields.length < 7 || !fields.every((f) => TICKS.test(f)))
        throw new KatamonError('parse', `${path}: malformed "cpu" line`, { path });
      systemNs = fields.reduce((sum, f) => sum + BigInt(f), 0n) * NS_PER_TICK;
    } else if (/^cpu\d/.test(line)) {
      onlineCpus++;
    }
  }
  if (systemNs === undefined) throw new KatamonError('parse', `${path}: no "cpu" line`, { path });
  return { systemNs, onlineCpus };
}

export async function readHostCpu(procRoot: string): Promise<HostCpu> {
  const path = join(procRoot, 'stat');
  return parseProcStat(await readHostFile(path), path);
}

/** `MemTotal` of /proc/meminfo in bytes; docker caps a container's memory limit to it. */
export async function readMemTotal(procRoot: string): Promise<bigint> {
  const text = await readHostFile(join(procRoot, 'meminfo'));
  const match = /^MemTotal:\s+(\d+) kB/m.exec(text);
  return match ? BigInt(match[1] as string) * 1024n : 0n;
}

/** A host file of the proc root, or one line naming it (a wrong `--proc-root` is the usual cause). */
async function readHostFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const kind = code === 'ENOENT' ? 'not-found' : code === 'EACCES' || code === 'EPERM' ? 'permission-denied' : 'io';
    const why = code === 'ENOENT' ? 'no such file (is --proc-root a procfs mount?)' : (code ?? String(error));
    throw new KatamonError(kind, `cannot read ${path}: ${why}`, { path, cause: error });
  }
}
