import { readCgroupV2Stats, watchOomV2 } from '@katamon/cgroup-v2';
import type { OomSignal } from '@katamon/core';
import { GUEST_PATHS } from '../../protocol.js';
import { MiB, expectThat, type Check } from '../check.js';
import { makeCgroup, readKeyed, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

/** The next value of `it`, or 'timeout' after `ms`. */
async function next(it: AsyncIterator<OomSignal>, ms: number): Promise<OomSignal | 'end' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  const value = it.next().then((r) => (r.done ? 'end' : r.value));
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const oomChecks: Check[] = [
  {
    name: 'an OOM kill increments oom_kill and watchOomV2 yields oom, then gone',
    async run() {
      const dir = makeCgroup('check-oom', { 'memory.max': String(16n * MiB) });
      const ac = new AbortController();
      try {
        // A sleeper keeps the cgroup populated after the kill, so 'gone' comes only from its removal.
        await startIn(dir, ['sh', '-c', 'echo ready; exec sleep 1000']).ready;
        const it = watchOomV2(dir, ac.signal)[Symbol.asyncIterator]();
        const victim = startIn(dir, [GUEST_PATHS.helper, 'hog', '64']);
        const first = await next(it, 30_000);
        const { signal } = await victim.exited;
        const { stats } = await readCgroupV2Stats(dir);
        const kernel = readKeyed(dir, 'memory.events');
        expectThat(signal === 'SIGKILL', `the 64 MiB hog ended with ${signal}, not the OOM killer's SIGKILL`);
        expectThat(
          first === 'oom',
          `watchOomV2 gave ${first}, not oom; memory.events oom_kill ${kernel.get('oom_kill')}`,
        );
        const events = stats.memory?.events;
        expectThat(events !== undefined && events.oomKill >= 1n, `memory.events oomKill ${events?.oomKill}`);
        expectThat(
          events.oomKill === kernel.get('oom_kill'),
          `oomKill ${events.oomKill} vs kernel ${kernel.get('oom_kill')}`,
        );
        await removeCgroup(dir);
        const last = await next(it, 10_000);
        expectThat(last === 'gone', `after removing the cgroup watchOomV2 gave ${last}, not gone`);
        return `watch: ${first} then ${last}; oom ${events.oom}, oom_kill ${events.oomKill}`;
      } finally {
        ac.abort();
        await removeCgroup(dir);
      }
    },
  },
];
