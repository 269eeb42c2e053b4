import { readCgroupV2Stats } from '@katamon/cgroup-v2';
import { encodeEvent } from '@katamon/core';
import { MiB, expectThat, type Check } from '../check.js';
import { makeCgroup, removeCgroup } from '../cgroup-fs.js';
import { startIn } from '../workload.js';

export const encodeChecks: Check[] = [
  {
    name: 'a real v2 sample encodes as runc prints it, uint64 max included',
    async run() {
      const dir = makeCgroup('check-encode', { 'memory.max': String(256n * MiB), 'pids.max': '10' });
      try {
        for (let i = 0; i < 3; i++) await startIn(dir, ['sh', '-c', 'echo ready; exec sleep 1000']).ready;
        const { stats } = await readCgroupV2Stats(dir);
        const line = encodeEvent({ type: 'stats', id: 'vm-check', data: stats }, 'runc');
        const usage = stats.memory?.usage.usage;
        // Field order, names and exact decimals as in runc 1.1 (reference §2.a, §3.3): v2 has no per-CPU
        // usage; memory.swap.max "max" keeps the mem+swap limit at 2^64-1, beyond a JS number.
        const expected = [
          '{"type":"stats","id":"vm-check","data":{"cpu":{"usage":{"total":',
          '"pids":{"current":3,"limit":10}',
          `"usage":{"limit":268435456,"usage":${usage}`,
          '"swap":{"limit":18446744073709551615,',
        ];
        const missing = expected.filter((fragment) => !line.includes(fragment));
        expectThat(missing.length === 0, `missing ${JSON.stringify(missing)} in ${line}`);
        expectThat(!line.includes('"percpu":['), `v2 has no per-CPU usage, yet: ${line}`);
        return `${line.length} bytes, e.g. ${expected[2]}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
];
