import type { AgentBlkioStats, AgentCgroupStats } from '../agent/stats-container-response.js';
import { BLKIO_FIELDS } from '../agent/stats-container-response.js';
import { cgroupStatsToModel, guestCgroupVersion } from './cgroup-stats-to-model.js';

const blkio = (over: Partial<AgentBlkioStats>): AgentBlkioStats =>
  ({ ...Object.fromEntries(BLKIO_FIELDS.map((k) => [k, []])), ...over }) as AgentBlkioStats;
const mem = (usage: bigint, limit: bigint) => ({ usage, maxUsage: usage + 1n, failcnt: 2n, limit });

describe('cgroupStatsToModel', () => {
  it('maps a v1 guest: kernel/user unswapped, cache from field 1, io_queued kept, ops in kernel spelling', () => {
    const cg: AgentCgroupStats = {
      cpuStats: {
        cpuUsage: {
          totalUsage: 214098440n,
          percpuUsage: [214098440n],
          usageInKernelmode: 130000000n,
          usageInUsermode: 10000000n,
        },
        throttlingData: { periods: 1n, throttledPeriods: 2n, throttledTime: 3n },
      },
      memoryStats: {
        cache: 827392n,
        usage: mem(1204224n, 9223372036854771712n),
        swapUsage: mem(5n, 6n),
        useHierarchy: true,
        stats: new Map([
          ['cache', 827392n],
          ['total_cache', 1n],
        ]),
      },
      pidsStats: { current: 1n, limit: 0n },
      blkioStats: blkio({
        ioServiceBytesRecursive: [{ major: 8n, minor: 0n, op: 'read', value: 4096n }],
        ioQueuedRecursive: [{ major: 8n, minor: 0n, op: 'total', value: 1n }],
        ioTimeRecursive: [{ major: 8n, minor: 0n, op: '', value: 7n }],
      }),
      hugetlbStats: new Map([['2MB', { usage: 1n, maxUsage: 2n, failcnt: 3n }]]),
    };
    expect(guestCgroupVersion(cg)).toBe(1);
    const s = cgroupStatsToModel(cg);
    expect(s.cpu?.usage).toEqual({
      total: 214098440n,
      percpu: [214098440n],
      percpuKernel: [],
      percpuUser: [],
      kernel: 130000000n,
      user: 10000000n,
    });
    expect(s.cpu?.throttling).toEqual({ periods: 1n, throttledPeriods: 2n, throttledTime: 3n });
    expect(s.memory?.cache).toBe(827392n);
    expect(s.memory?.usage).toEqual({ limit: 9223372036854771712n, usage: 1204224n, max: 1204225n, failcnt: 2n });
    expect(s.memory?.kernel).toEqual({ limit: 0n, usage: 0n, max: 0n, failcnt: 0n });
    expect(s.memory?.kernelTCP).toEqual({ limit: 0n, usage: 0n, max: 0n, failcnt: 0n });
    expect(s.memory?.raw.get('total_cache')).toBe(1n);
    expect(s.pids).toEqual({ current: 1n, limit: 0n });
    expect(s.blkio?.ioServiceBytesRecursive).toEqual([{ major: 8n, minor: 0n, op: 'Read', value: 4096n }]);
    expect(s.blkio?.ioQueueRecursive).toEqual([{ major: 8n, minor: 0n, op: 'Total', value: 1n }]);
    expect(s.blkio?.ioTimeRecursive).toEqual([{ major: 8n, minor: 0n, op: '', value: 7n }]);
    expect(s.hugetlb?.get('2MB')).toEqual({ usage: 1n, max: 2n, failcnt: 3n });
  });

  it('maps a v2 guest: cache from `file`, every device kept, bytes and ios split as runc does', () => {
    const cg: AgentCgroupStats = {
      memoryStats: {
        cache: 0n,
        usage: mem(10n, 18446744073709551615n),
        useHierarchy: false,
        stats: new Map([
          ['anon', 5n],
          ['file', 77n],
        ]),
      },
      blkioStats: blkio({
        ioServiceBytesRecursive: ['read', 'write', 'rios', 'wios', 'dbytes', 'dios'].flatMap((op, i) => [
          { major: 8n, minor: 0n, op, value: BigInt(i + 1) },
          { major: 253n, minor: 1n, op, value: BigInt(i + 10) },
        ]),
      }),
      hugetlbStats: new Map(),
    };
    expect(guestCgroupVersion(cg)).toBe(2);
    const s = cgroupStatsToModel(cg);
    expect(s.memory?.cache).toBe(77n);
    expect(s.blkio?.ioServiceBytesRecursive).toEqual([
      { major: 8n, minor: 0n, op: 'Read', value: 1n },
      { major: 253n, minor: 1n, op: 'Read', value: 10n },
      { major: 8n, minor: 0n, op: 'Write', value: 2n },
      { major: 253n, minor: 1n, op: 'Write', value: 11n },
    ]);
    expect(s.blkio?.ioServicedRecursive).toEqual([
      { major: 8n, minor: 0n, op: 'Read', value: 3n },
      { major: 253n, minor: 1n, op: 'Read', value: 12n },
      { major: 8n, minor: 0n, op: 'Write', value: 4n },
      { major: 253n, minor: 1n, op: 'Write', value: 13n },
    ]);
    expect(s.hugetlb).toBeUndefined();
    expect(s.cpu).toBeUndefined();
  });

  it('leaves sections the agent did not send absent', () => {
    expect(cgroupStatsToModel({ hugetlbStats: new Map() })).toEqual({});
  });
});
