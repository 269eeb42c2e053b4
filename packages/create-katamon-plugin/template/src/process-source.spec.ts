import { spawnSync } from 'node:child_process';
import type { ContainerRef } from '@katamon/core';
import { createTempDir, describeStatsSource, writeTree, type TempDir } from '@katamon/core-testing';
import { describe, expect, it } from 'vitest';
import { RESOLVER_NAME } from './pid-file-resolver.js';
import { createProcessSource, SOURCE_NAME } from './process-source.js';

const ref = (pid: number): ContainerRef => ({
  id: `p${pid}`,
  runtime: RESOLVER_NAME,
  resolver: RESOLVER_NAME,
  status: 'running',
  pid,
});
/** A process that has exited (and been reaped): its /proc directory is gone. */
const exitedPid = spawnSync(process.execPath, ['-e', '']).pid as number;

// The contract katamon holds every source to, on the real /proc: this test process is the container.
describeStatsSource(`${SOURCE_NAME} on the real /proc`, {
  create: () => createProcessSource(),
  refs: () => ({
    handled: [ref(process.pid)],
    skipped: [
      { ...ref(process.pid), resolver: 'runc' },
      { ...ref(1), pid: undefined },
    ],
    gone: ref(exitedPid),
  }),
  sections: ['cpu', 'memory', 'pids'],
  requiredSections: ['cpu', 'memory', 'pids'],
});

// What the real /proc of this machine may not show: a process without memory of its own (a kernel thread).
let fake: TempDir;
describeStatsSource(`${SOURCE_NAME} on a fake /proc`, {
  async refs() {
    fake = await createTempDir();
    await writeTree(fake.path, { '2': { schedstat: '5000 10 3\n', status: 'Name:\tkthreadd\nThreads:\t1\n' } });
    return { handled: [ref(2)], minimal: [ref(2)], gone: ref(3) };
  },
  create: () => createProcessSource(fake.path),
  cleanup: () => fake.cleanup(),
});

describe(SOURCE_NAME, () => {
  it('reads the CPU time, memory and threads of a live process', async () => {
    const { stats } = await createProcessSource().collect(ref(process.pid));
    expect(stats.cpu?.usage.total).toBeGreaterThan(0n);
    expect(stats.memory?.usage.usage).toBeGreaterThan(0n);
    expect(stats.pids?.current).toBeGreaterThanOrEqual(1n);
  });

  it('fails with kind parse on a file it does not understand', async () => {
    const dir = await createTempDir();
    await writeTree(dir.path, { '4': { schedstat: 'garbage', status: 'Threads:\t1\n' } });
    await expect(createProcessSource(dir.path).collect(ref(4))).rejects.toMatchObject({ kind: 'parse' });
    await dir.cleanup();
  });
});
