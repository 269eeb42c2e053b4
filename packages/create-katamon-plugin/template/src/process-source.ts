import { readFile } from 'node:fs/promises';
import {
  KatamonError,
  zeroCpu,
  zeroMemory,
  type ContainerRef,
  type SourceResult,
  type StatsSource,
} from '@katamon/core';
import { RESOLVER_NAME } from './pid-file-resolver.js';

export const SOURCE_NAME = '__KIND__/process';

/** Reads one /proc file; a vanished process is `gone`, an aborted read `cancelled`. */
async function read(file: string, ref: ContainerRef, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await readFile(file, { encoding: 'utf8', signal });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') {
      throw new KatamonError('gone', `process ${ref.pid} of ${ref.id} is gone`, { path: file, cause: error });
    }
    const kind = code === 'ABORT_ERR' ? 'cancelled' : 'io';
    throw new KatamonError(kind, `cannot read ${file}: ${(error as Error).message}`, { path: file, cause: error });
  }
}

/** `Name:   value kB` lines of /proc/<pid>/status; absent fields (kernel threads have no VmRSS) are undefined. */
function statusField(text: string, name: string): bigint | undefined {
  const start = text.indexOf(`\n${name}:`);
  if (start < 0) return undefined;
  const end = text.indexOf('\n', start + 1);
  const value = text.slice(start + name.length + 2, end < 0 ? text.length : end).trim();
  const digits = value.split(/\s+/)[0] ?? '';
  return /^\d{1,19}$/.test(digits) ? BigInt(digits) : undefined;
}

function toStats(schedstat: string, status: string, file: string): SourceResult {
  // schedstat: time on CPU (ns), time waiting to run (ns), timeslices.
  const onCpu = schedstat.split(' ')[0] ?? '';
  if (!/^\d{1,20}$/.test(onCpu)) throw new KatamonError('parse', `${file}/schedstat: unexpected format`);
  const cpu = zeroCpu();
  // A process's CPU time, not split by mode or by CPU: schedstat does not say.
  cpu.usage.total = BigInt(onCpu);
  const memory = zeroMemory();
  const rssKb = statusField(status, 'VmRSS');
  if (rssKb !== undefined) memory.usage.usage = rssKb * 1024n;
  const threads = statusField(status, 'Threads');
  if (threads === undefined) throw new KatamonError('parse', `${file}/status: no Threads line`);
  return { stats: { cpu, memory, pids: { current: threads, limit: 0n } } };
}

/**
 * CPU time, resident memory and thread count of a container's main process: what a container without a cgroup
 * of its own can report. It handles only this plugin's containers.
 */
export function createProcessSource(proc = '/proc'): StatsSource {
  return {
    name: SOURCE_NAME,
    // Decided from the ref alone: katamon asks once per container and remembers the answer.
    probe: (ref) => (ref.resolver === RESOLVER_NAME && ref.pid !== undefined ? 'handle' : 'skip'),
    async collect(ref, signal) {
      if (signal?.aborted) throw new KatamonError('cancelled', `sample of ${ref.id} cancelled`);
      const dir = `${proc}/${ref.pid}`;
      const [schedstat, status] = await Promise.all([
        read(`${dir}/schedstat`, ref, signal),
        read(`${dir}/status`, ref, signal),
      ]);
      return toStats(schedstat, status, dir);
    },
  };
}
