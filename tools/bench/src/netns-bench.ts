import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ContainerRef } from '@katamon/core';
import { findProcessInNetns, NetnsSource, parkHelperInNetns } from '@katamon/netns';
import { createBenchNetns, SYSFS_VS_PROCFS_SCRIPT } from './netns-bench-setup.js';

// Network source benchmark: µs per sample of NetnsSource.collect for a namespace with 10 interfaces and about
// 1,000 sockets, as a ratio to the floor of reading the same five /proc files with readFileSync and no parsing,
// measured in the same run; plus the one-time cost of opening a namespace through its process, through a /proc
// scan, and through the parked-helper fallback when no process is in it; plus sysfs vs /proc/net/dev.
//   esbuild src/netns-bench.ts --bundle --platform=node --format=esm --conditions=@katamon/source \
//     --outfile=dist/netns-bench.mjs && node dist/netns-bench.mjs        (root; creates and removes namespaces)

const ROUNDS = 9;
const SAMPLES = 200;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

function usPer(fn: () => unknown, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

async function usPerAsync(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return ((performance.now() - start) * 1000) / iterations;
}

const ref = (over: Partial<ContainerRef>): ContainerRef => ({
  id: 'bench',
  runtime: 'runc',
  resolver: 'bench',
  status: 'running',
  ...over,
});

export async function runNetnsBench(): Promise<Record<string, unknown>> {
  const ns = await createBenchNetns();
  try {
    const byPid = ref({ pid: ns.holderPid, netnsPath: `/proc/${ns.holderPid}/ns/net` });
    const source = new NetnsSource();
    const first = (await source.collect(byPid)).stats.network;
    if (!first || first.interfaces.length !== 10)
      throw new Error(`expected 10 interfaces, got ${first?.interfaces.length}`);
    const sockets =
      Object.values(first.tcp).reduce((a, b) => a + b, 0n) +
      Object.values(first.tcp6).reduce((a, b) => a + b, 0n) +
      first.udp.sockets +
      first.udp6.sockets;
    const files = ['dev', 'tcp', 'tcp6', 'udp', 'udp6'].map((f) => `/proc/${ns.holderPid}/net/${f}`);
    const floor = () => files.reduce((n, f) => n + readFileSync(f).length, 0);
    await usPerAsync(() => source.collect(byPid), SAMPLES); // warm-up
    usPer(floor, SAMPLES);
    const ours: number[] = [];
    const raw: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const o = await usPerAsync(() => source.collect(byPid), SAMPLES);
      const f = usPer(floor, SAMPLES);
      ours.push(o);
      raw.push(f);
      ratios.push(o / f);
    }
    await source.release();

    // One-time opening costs (ms): each a fresh source, so the namespace is located and opened again.
    const openMs = async (r: ContainerRef, expectVia: string): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const fresh = new NetnsSource();
        const t = performance.now();
        await fresh.collect(r);
        times.push(performance.now() - t);
        if ((await fresh.openedVia(r)) !== expectVia)
          throw new Error(`opened via ${await fresh.openedVia(r)}, not ${expectVia}`);
        await fresh.release();
      }
      return median(times);
    };
    const kata = (path: string) => ref({ runtime: 'kata', sandbox: { id: 'sb', netnsPath: path } });
    const viaPidMs = await openMs(byPid, 'pid');
    const viaScanMs = await openMs(kata(`/run/netns/${ns.name}`), 'scan');
    const viaHelperMs = await openMs(kata(`/run/netns/${ns.peer}`), 'helper');
    // The fallback alone: start the helper, wait until it is in the namespace, end it.
    const peerPath = `/run/netns/${ns.peer}`;
    const peerStat = statSync(peerPath);
    const park: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const helper = await parkHelperInNetns(peerPath, { dev: peerStat.dev, ino: peerStat.ino });
      await helper.release();
      park.push(performance.now() - t);
    }
    const processes = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
    const peerIno = { dev: 0, ino: 0 };
    const scanUs = usPer(() => findProcessInNetns(peerIno), 50);
    const sysfs = JSON.parse(
      execFileSync('ip', ['netns', 'exec', ns.name, process.execPath, '-e', SYSFS_VS_PROCFS_SCRIPT], {
        encoding: 'utf8',
      }),
    );
    return {
      interfaces: first.interfaces.length,
      sockets: Number(sockets),
      samplesPerRound: SAMPLES,
      rounds: ROUNDS,
      collectUsPerSample: median(ours),
      readFileFloorUsPerSample: median(raw),
      ratio: median(ratios),
      openViaPidMs: viaPidMs,
      openViaScanMs: viaScanMs,
      openViaHelperMs: viaHelperMs,
      helperParkAndReleaseMs: median(park),
      fullProcScanUs: scanUs,
      processes,
      sysfsVsProcNetDev: sysfs,
    };
  } finally {
    ns.cleanup();
  }
}

if (process.argv[1] !== undefined && /netns-bench\.(m?js|ts)$/.test(process.argv[1])) {
  const r = await runNetnsBench();
  console.log(JSON.stringify(r, null, 2));
}
