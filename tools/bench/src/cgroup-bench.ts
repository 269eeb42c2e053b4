import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEvent } from '@katamon/core';
import { createCgroupV1Source } from '@katamon/cgroup-v1';
import { PseudoFileReader } from '@katamon/sysfs';
import { startBenchContainer } from './cli-bench-container.js';
import {
  cpuMsPer,
  filesOfOneSample,
  preadFloorMs,
  refFromState,
  syncVsFileHandle,
} from './cgroup-bench-probes.js';
import { cpuPerEventInOneWindow, type InProcessSubject, type WindowFigure } from './same-window.js';
import { fleetBench } from './cgroup-bench-fleet.js';

// cgroup v1 source benchmark, every figure a ratio to a reference measured in the same run:
//  1. streaming: CPU per sample of katamon (collect + runc-schema encode + write, on a 10 ms timer) vs
//     `runc events --interval 10ms` on the same container (CPU of the runc process from /proc/<pid>/stat);
//  2. floor: CPU per collect (read + parse) vs a C program doing one pread per file over the same files;
//  3. fleet: 1,000 cgroups read in one sweep: µs per container, % of one core at a 1 s interval.
//  Also 1. on a busy container (counters moving every tick).
//   esbuild src/cgroup-bench.ts --bundle --platform=node --format=esm --conditions=@katamon/source \
//     --outfile=dist/cgroup-bench.mjs && prlimit --nofile=65536 node dist/cgroup-bench.mjs   (root)

const ROUNDS = 3;
const STREAM_SECONDS = 6;
// A stream runs for minutes or hours: V8 has optimised its per-event code by then, which at 100 events/s
// takes some seconds.
const WARMUP_SECONDS = 15;
const FLOOR_ITERATIONS = 3000;
const median = (v: number[]): number =>
  [...v].sort((a, b) => a - b)[v.length >> 1] as number;

/**
 * katamon's source in a 10 ms timer loop in this process (collect + runc-schema encode + write to
 * /dev/null, as the CLI does per event), running until stopped; `snapshot` gives its CPU and events so far.
 */
function startSourceLoop(ref: ReturnType<typeof refFromState>): InProcessSubject & { stop(): Promise<void> } {
  const source = createCgroupV1Source();
  const collect = source.collectSync as NonNullable<typeof source.collectSync>;
  const devnull = openSync('/dev/null', 'w');
  let events = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const r = collect(ref);
    writeSync(devnull, encodeEvent({ type: 'stats', id: ref.id, data: r.stats }, 'runc') + '\n');
    events++;
    timer = setTimeout(tick, 10);
  };
  timer = setTimeout(tick, 10);
  return {
    name: 'katamon source',
    snapshot: () => {
      const used = process.cpuUsage();
      return { cpuMs: (used.user + used.system) / 1000, events };
    },
    async stop() {
      clearTimeout(timer);
      closeSync(devnull);
      await source.release?.();
    },
  };
}

/** CPU per tick of an empty 10 ms timer loop: the event loop's own wake-up cost, for reference. */
async function idleTimerCpuPerTick(seconds: number): Promise<number> {
  let ticks = 0;
  const start = process.cpuUsage();
  const until = Date.now() + seconds * 1000;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      ticks++;
      if (Date.now() >= until) resolve();
      else setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
  });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / ticks;
}

/**
 * CPU per tick of a 10 ms timer loop doing only the sample's preads from node (readSync on held descriptors,
 * no parsing, no encoding): the kernel's and node's share of a streaming sample at this cadence.
 */
async function rawReadTimerCpuPerTick(
  files: readonly string[],
  seconds: number,
): Promise<number> {
  const fds = files.map((f) => openSync(f, 'r'));
  const buffer = Buffer.allocUnsafe(65536);
  let ticks = 0;
  const start = process.cpuUsage();
  const until = Date.now() + seconds * 1000;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      for (const fd of fds) readSync(fd, buffer, 0, buffer.length, 0);
      ticks++;
      if (Date.now() >= until) resolve();
      else setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
  });
  const used = process.cpuUsage(start);
  for (const fd of fds) closeSync(fd);
  return (used.user + used.system) / 1000 / ticks;
}

/**
 * One streaming round: `runc events --interval 10ms` and katamon's source loop side by side over the same
 * window (same-window.ts), after WARMUP_SECONDS; CPU ms per event of each.
 */
async function streamRound(
  root: string,
  ref: ReturnType<typeof refFromState>,
): Promise<{
  runcMs: number;
  katamonMs: number;
  ratio: number;
  samples: number;
}> {
  const loop = startSourceLoop(ref);
  try {
    const runcSubject = { name: 'runc events', command: 'runc', args: ['--root', root, 'events', '--interval', '10ms', ref.id] };
    const [runc, katamon] = (await cpuPerEventInOneWindow([runcSubject], WARMUP_SECONDS, STREAM_SECONDS, [loop])) as [WindowFigure, WindowFigure];
    return {
      runcMs: runc.cpuMsPerEvent,
      katamonMs: katamon.cpuMsPerEvent,
      ratio: katamon.cpuMsPerEvent / runc.cpuMsPerEvent,
      samples: runc.events,
    };
  } finally {
    await loop.stop();
  }
}

/**
 * The same comparison on a container whose counters move every tick (a shell loop copying 1 MiB with
 * busybox dd and sleeping 5 ms: cpuacct, memory.stat and the cpu times change between samples), so files
 * are parsed every sample rather than found unchanged. ROUNDS interleaved rounds, median ratio.
 */
async function busyStream(): Promise<{
  rounds: { runcMs: number; katamonMs: number; ratio: number }[];
  medianRatio: number;
}> {
  const busy = startBenchContainer([
    'sh',
    '-c',
    'while :; do /bin/busybox dd if=/dev/zero of=/dev/null bs=64k count=16 2>/dev/null; sleep 0.005; done',
  ]);
  try {
    const ref = refFromState(busy.root, busy.id);
    const rounds: { runcMs: number; katamonMs: number; ratio: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const round = await streamRound(busy.root, ref);
      rounds.push(round);
      console.error(
        `busy stream round ${r + 1}: runc ${round.runcMs.toFixed(3)} ms/sample, katamon ${round.katamonMs.toFixed(3)} ms/sample`,
      );
    }
    return { rounds, medianRatio: median(rounds.map((x) => x.ratio)) };
  } finally {
    busy.remove();
  }
}

async function main(): Promise<void> {
  const dist = join(import.meta.dirname);
  mkdirSync(dist, { recursive: true });
  const container = startBenchContainer([
    'sh',
    '-c',
    'while :; do sleep 1; done',
  ]);
  const results: Record<string, unknown> = {};
  try {
    const ref = refFromState(container.root, container.id);
    const paths = ref.cgroup?.version === 1 ? ref.cgroup.paths : {};
    const files = filesOfOneSample(paths);
    const stream: {
      runcMs: number;
      katamonMs: number;
      idleTimerMs: number;
      rawReadsMs: number;
      ratio: number;
    }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const { runcMs, katamonMs, ratio, samples } = await streamRound(
        container.root,
        ref,
      );
      const idleTimerMs = await idleTimerCpuPerTick(2);
      const rawReadsMs = await rawReadTimerCpuPerTick(files, 2);
      stream.push({ runcMs, katamonMs, idleTimerMs, rawReadsMs, ratio });
      console.error(
        `stream round ${r + 1}: runc ${runcMs.toFixed(3)} ms/sample (${samples} samples), katamon ${katamonMs.toFixed(3)} ms/sample, idle node 10 ms timer ${idleTimerMs.toFixed(3)} ms/tick, ${files.length} bare readSync per 10 ms tick ${rawReadsMs.toFixed(3)} ms/tick`,
      );
    }
    results['stream'] = {
      rounds: stream,
      medianRatio: median(stream.map((s) => s.ratio)),
    };
    results['streamBusy'] = await busyStream();

    const floor: {
      batched: boolean;
      floorMs: number;
      nodeReadMs: number;
      katamonMs: number;
      ratio: number;
    }[] = [];
    // The same files as the floor: every one every sample (by default the limits are kept until written).
    const source = createCgroupV1Source({ watchLimitWrites: false });
    const collect = source.collectSync as NonNullable<
      typeof source.collectSync
    >;
    // The same preads from node (readSync on held descriptors, no parsing): splits node's per-call cost
    // from katamon's parsing.
    const fds = files.map((f) => openSync(f, 'r'));
    const buffer = Buffer.allocUnsafe(65536);
    for (let r = 0; r < ROUNDS; r++) {
      const floorMs = preadFloorMs(dist, files, FLOOR_ITERATIONS);
      const nodeReadMs = cpuMsPer(() => {
        for (const fd of fds) readSync(fd, buffer, 0, buffer.length, 0);
      }, FLOOR_ITERATIONS);
      const katamonMs = cpuMsPer(() => collect(ref), FLOOR_ITERATIONS);
      floor.push({
        batched: new PseudoFileReader().batching,
        floorMs,
        nodeReadMs,
        katamonMs,
        ratio: katamonMs / floorMs,
      });
      console.error(
        `floor round ${r + 1}: C pread ${(floorMs * 1000).toFixed(1)} µs, node readSync ${(nodeReadMs * 1000).toFixed(1)} µs, katamon collect ${(katamonMs * 1000).toFixed(1)} µs`,
      );
    }
    for (const fd of fds) closeSync(fd);
    await source.release?.();
    results['floor'] = {
      files: files.length,
      rounds: floor,
      medianRatio: median(floor.map((f) => f.ratio)),
    };
    results['syncVsFileHandle'] = await syncVsFileHandle(
      `${paths['cpuacct']}/cpuacct.usage`,
      20000,
    );
  } finally {
    container.remove();
  }
  // The descriptor limit here is 20,000 (no CAP_SYS_RESOURCE to raise it): 500 containers fit entirely,
  // 1,000 run over the reader's cap (part of the files read open-read-close).
  results['fleet500'] = fleetBench(500, 5, dist);
  results['fleet'] = fleetBench(1000, 5, dist);
  console.log(JSON.stringify(results, null, 2));
}

await main();
