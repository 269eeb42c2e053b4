import { readCgroupV2Stats } from '@katamon/cgroup-v2';
import { readFileSync } from 'node:fs';
import type { BlkioEntry } from '@katamon/core';
import { GUEST_PATHS } from '../../protocol.js';
import { MiB, expectThat, pollUntil, type Check } from '../check.js';
import { makeCgroup, readPsiSomeTotal, readRaw, removeCgroup } from '../cgroup-fs.js';
import { runIn } from '../workload.js';

function valueOf(entries: readonly BlkioEntry[], major: bigint, minor: bigint, op: string): bigint {
  return entries.find((e) => e.major === major && e.minor === minor && e.op === op)?.value ?? 0n;
}

export const ioChecks: Check[] = [
  {
    name: 'io.stat bytes and ios cover direct I/O to the virtio disk',
    needsDisk: true,
    async run() {
      const [major, minor] = readFileSync('/sys/block/vda/dev', 'utf8').trim().split(':').map(BigInt) as [
        bigint,
        bigint,
      ];
      const dir = makeCgroup('check-io');
      try {
        // O_DIRECT: the bytes go to the device now, from this cgroup, not later from writeback.
        await runIn(dir, ['dd', 'if=/dev/zero', `of=${GUEST_PATHS.disk}`, 'bs=1M', 'count=8', 'oflag=direct']);
        await runIn(dir, ['dd', `if=${GUEST_PATHS.disk}`, 'of=/dev/null', 'bs=1M', 'count=4', 'iflag=direct']);
        const { stats } = await readCgroupV2Stats(dir);
        const b = stats.blkio;
        expectThat(b !== undefined, 'no blkio section');
        const wbytes = valueOf(b.ioServiceBytesRecursive, major, minor, 'Write');
        const rbytes = valueOf(b.ioServiceBytesRecursive, major, minor, 'Read');
        const wios = valueOf(b.ioServicedRecursive, major, minor, 'Write');
        const rios = valueOf(b.ioServicedRecursive, major, minor, 'Read');
        const kernel = readRaw(dir, 'io.stat');
        expectThat(wbytes >= 8n * MiB, `Write bytes ${wbytes} < 8 MiB; io.stat: ${kernel}`);
        expectThat(rbytes >= 4n * MiB, `Read bytes ${rbytes} < 4 MiB; io.stat: ${kernel}`);
        expectThat(wios >= 1n && rios >= 1n, `ios Write ${wios} Read ${rios}; io.stat: ${kernel}`);
        expectThat(kernel.includes(`wbytes=${wbytes} `), `Write bytes ${wbytes} not as in io.stat: ${kernel}`);
        return `${major}:${minor} rbytes ${rbytes} wbytes ${wbytes} rios ${rios} wios ${wios}`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
  {
    name: 'io.pressure is read while direct I/O waits on the disk',
    needsDisk: true,
    async run() {
      const dir = makeCgroup('check-io-psi');
      try {
        // Many small O_DIRECT writes: each one blocks the task on the device, which PSI counts as io stall.
        // Repeated (at most a few times) until the stall shows: a fast host may complete each write at once.
        let rounds = 0;
        await pollUntil(
          async () => {
            rounds++;
            await runIn(dir, ['dd', 'if=/dev/zero', `of=${GUEST_PATHS.disk}`, 'bs=4k', 'count=2048', 'oflag=direct']);
            return readPsiSomeTotal(dir, 'io.pressure');
          },
          (total) => total > 0n || rounds >= 5,
          30_000,
          0,
        );
        const { stats } = await readCgroupV2Stats(dir);
        const kernel = readPsiSomeTotal(dir, 'io.pressure');
        const psi = stats.blkio?.psi;
        expectThat(psi !== undefined, 'no blkio.psi');
        expectThat(psi.some.total === kernel, `io some total ${psi.some.total}, kernel ${kernel} (idle cgroup)`);
        expectThat(
          psi.some.total > 0n,
          `io some total is 0 after ${rounds} × 2048 direct writes: ${readRaw(dir, 'io.pressure')}`,
        );
        return `io some total ${psi.some.total} µs after ${rounds} × 2048 direct writes`;
      } finally {
        await removeCgroup(dir);
      }
    },
  },
];
