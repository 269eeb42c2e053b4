import { readFile } from 'node:fs/promises';
import { KatamonError, type ContainerRef, type StatsSource } from '@katamon/core';

export const SOURCE_NAME = 'json-file/proc';

/** USER_HZ is 100 on every Linux ABI; ticks → ns. */
const NS_PER_TICK = 10_000_000n;

function parseStat(text: string, file: string): { user: bigint; kernel: bigint; threads: bigint } {
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const end = text.lastIndexOf(')');
  const fields =
    end < 0
      ? []
      : text
          .slice(end + 2)
          .trim()
          .split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15, num_threads 20.
  const utime = fields[11];
  const stime = fields[12];
  const threads = fields[17];
  if (!utime || !stime || !threads || !/^\d+$/.test(utime + stime + threads)) {
    throw new KatamonError('parse', `${file}: unexpected format`, { path: file });
  }
  return { user: BigInt(utime) * NS_PER_TICK, kernel: BigInt(stime) * NS_PER_TICK, threads: BigInt(threads) };
}

function parseRss(text: string): bigint {
  const line = text.split('\n').find((l) => l.startsWith('VmRSS:'));
  const kb = line?.match(/(\d+)\s*kB/)?.[1];
  return kb ? BigInt(kb) * 1024n : 0n;
}

/**
 * Process-level numbers for containers the file describes without a cgroup: CPU time and RSS of the
 * main process, thread count as pids. Containers with a cgroup are left to the cgroup sources.
 */
export function createProcPidSource(proc = '/proc'): StatsSource {
  return {
    name: SOURCE_NAME,
    probe: (ref: ContainerRef) => (ref.pid !== undefined && !ref.cgroup ? 'handle' : 'skip'),
    async collect(ref, signal) {
      const dir = `${proc}/${ref.pid}`;
      let stat: string;
      let status: string;
      try {
        [stat, status] = await Promise.all([
          readFile(`${dir}/stat`, { encoding: 'utf8', signal }),
          readFile(`${dir}/status`, { encoding: 'utf8', signal }),
        ]);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ESRCH') {
          throw new KatamonError('gone', `process ${ref.pid} of ${ref.id} is gone`, { path: dir, cause: error });
        }
        throw new KatamonError(code === 'ABORT_ERR' ? 'cancelled' : 'io', (error as Error).message, {
          path: dir,
          cause: error,
        });
      }
      const cpu = parseStat(stat, `${dir}/stat`);
      const rss = parseRss(status);
      return {
        stats: {
          cpu: {
            usage: {
              total: cpu.user + cpu.kernel,
              percpu: [],
              percpuKernel: [],
              percpuUser: [],
              kernel: cpu.kernel,
              user: cpu.user,
            },
            throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
          },
          pids: { current: cpu.threads, limit: 0n },
          memory: {
            cache: 0n,
            usage: { limit: 0n, usage: rss, max: 0n, failcnt: 0n },
            swap: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
            kernel: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
            kernelTCP: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
            raw: new Map(),
          },
        },
      };
    },
  };
}
