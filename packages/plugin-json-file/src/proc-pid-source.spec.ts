import { createTempDir, describeStatsSource, writeTree, type TempDir } from '@katamon/core-testing';
import type { ContainerRef } from '@katamon/core';
import { createProcPidSource } from './proc-pid-source.js';

// A fake /proc with one process: `stat` as the kernel prints it (a command name with a space and
// parentheses, to prove the parser splits after the last ')'), and `status` with VmRSS.
const stat =
  '4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 3 0 1000 10000000 500 18446744073709551615';
const ref = (pid: number, extra: Partial<ContainerRef> = {}): ContainerRef => ({
  id: `proc-${pid}`,
  runtime: 'process',
  resolver: 'json-file',
  status: 'running',
  pid,
  ...extra,
});

let proc: TempDir;

describeStatsSource('katamon-plugin-json-file proc-pid', {
  async refs() {
    proc = await createTempDir();
    await writeTree(proc.path, { '4242': { stat, status: 'Name:\tx\nVmRSS:\t  2048 kB\nThreads:\t3\n' } });
    return {
      handled: [ref(4242)],
      skipped: [ref(4242, { cgroup: { version: 2, path: '/sys/fs/cgroup/x' } }), { ...ref(1), pid: undefined }],
      gone: ref(999999),
    };
  },
  create: () => createProcPidSource(proc.path),
  cleanup: () => proc.cleanup(),
  sections: ['cpu', 'memory', 'pids'],
  requiredSections: ['cpu', 'memory', 'pids'],
});

describe(createProcPidSource, () => {
  it('converts USER_HZ ticks to ns and kB to bytes', async () => {
    const dir = await createTempDir();
    await writeTree(dir.path, { '7': { stat, status: 'VmRSS:\t2048 kB\n' } });
    const { stats } = await createProcPidSource(dir.path).collect(ref(7));
    expect(stats.cpu?.usage).toMatchObject({ user: 2_500_000_000n, kernel: 750_000_000n, total: 3_250_000_000n });
    expect(stats.memory?.usage.usage).toBe(2048n * 1024n);
    expect(stats.pids?.current).toBe(3n);
    await dir.cleanup();
  });
});
