import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEvent } from '@katamon/core';
import { createCgroupV1Source } from '@katamon/cgroup-v1';
import { PseudoFileReader } from '@katamon/sysfs';
import { startBenchContainer } from './cli-bench-container.js';
import { cpuMsPer, filesOfOneSample, preadFloorMs, refFromState, syncVsFileHandle } from './cgroup-bench-probes.js';
import { cpuPerEventInWindows, type InProcessSubject, type WindowFigure } from './same-window.js';
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
// takes until about 50 s (see cli-bench.ts). Steady state: ROUNDS windows from STEADY_FROM_SECONDS on; the
// window from EARLY_SECONDS shows the way there.
const EARLY_SECONDS = 15;
const STEADY_FROM_SECONDS = 60;
const FLOOR_ITERATIONS = 3000;
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1] as number;

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
async function rawReadTimerCpuPerTick(files: readonly string[], seconds: number): Promise<number> {
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

interface StreamFigure {
  runcMs: number;
  katamonMs: number;
  ratio: number;
  samples: number;
}

/**
 * `runc events --interval 10ms` and katamon's source loop side by side over the same windows (same-window.ts)
 * of one run: from EARLY_SECONDS, then ROUNDS windows from STEADY_FROM_SECONDS (the steady state); CPU ms
 * per event of each.
 */
async function streamWindows(
  root: string,
  ref: ReturnType<typeof refFromState>,
): Promise<{ early: StreamFigure; steady: StreamFigure[] }> {
  const loop = startSourceLoop(ref);
  try {
    const runcSubject = {
      name: 'runc events',
      command: 'runc',
      args: ['--root', root, 'events', '--interval', '10ms', ref.id],
    };
    const windows = [
      EARLY_SECONDS,
      ...Array.from({ length: ROUNDS }, (_, k) => STEADY_FROM_SECONDS + k * STREAM_SECONDS),
    ].map((fromSeconds) => ({ fromSeconds, seconds: STREAM_SECONDS }));
    const figures = (await cpuPerEventInWindows([runcSubject], windows, [loop])).map(([runc, katamon]) => ({
      runcMs: (runc as WindowFigure).cpuMsPerEvent,
      katamonMs: (katamon as WindowFigure).cpuMsPerEvent,
      ratio: (katamon as WindowFigure).cpuMsPerEvent / (runc as WindowFigure).cpuMsPerEvent,
      samples: (runc as WindowFigure).events,
    }));
    return { early: figures[0] as StreamFigure, steady: figures.slice(1) };
  } finally {
    await loop.stop();
  }
}

/**
 * The same comparison on a container whose counters move every tick (a shell loop copying 1 MiB with
 * busybox dd and sleeping 5 ms: cpuacct, memory.stat and the cpu times change between samples), so files
 * are parsed every sample rather than found unchanged. Median ratio of the steady windows.
 */
async function busyStream(): Promise<{
  early: StreamFigure;
  rounds: StreamFigure[];
  medianRatio: number;
}> {
  const busy = startBenchContainer([
    'sh',
    '-c',
    'while :; do /bin/busybox dd if=/dev/zero of=/dev/null bs=64k count=16 2>/dev/null; sleep 0.005; done',
  ]);
  try {
    const ref = refFromState(busy.root, busy.id);
    const { early, steady } = await streamWindows(busy.root, ref);
    for (const [w, round] of [early, ...steady].entries())
      console.error(
        `busy stream ${w === 0 ? `from ${EARLY_SECONDS} s` : `steady window ${w}`}: runc ${round.runcMs.toFixed(3)} ms/sample, katamon ${round.katamonMs.toFixed(3)} ms/sample`,
      );
    return { early, rounds: steady, medianRatio: median(steady.map((x) => x.ratio)) };
  } finally {
    busy.remove();
  }
}

async function main(): Promise<void> {
  const dist = join(import.meta.dirname);
  mkdirSync(dist, { recursive: true });
  const container = startBenchContainer(['sh', '-c', 'while :; do sleep 1; done']);
  const results: Record<string, unknown> = {};
  try {
    const ref = refFromState(container.root, container.id);
    const paths = ref.cgroup?.version === 1 ? ref.cgroup.paths : {};
    const files = filesOfOneSample(paths);
    const { early, steady } = await streamWindows(container.root, ref);
    const stream: (StreamFigure & { idleTimerMs: number; rawReadsMs: number })[] = [];
    for (const [w, figure] of [early, ...steady].entries()) {
      // References, measured after the windows (they would count the loop's CPU during them).
      const idleTimerMs = await idleTimerCpuPerTick(2);
      const rawReadsMs = await rawReadTimerCpuPerTick(files, 2);
      if (w > 0) stream.push({ ...figure, idleTimerMs, rawReadsMs });
      console.error(
        `stream ${w === 0 ? `from ${EARLY_SECONDS} s` : `steady window ${w}`}: runc ${figure.runcMs.toFixed(3)} ms/sample (${figure.samples} samples), katamon ${figure.katamonMs.toFixed(3)} ms/sample; then idle node 10 ms timer ${idleTimerMs.toFixed(3)} ms/tick, ${files.length} bare readSync per 10 ms tick ${rawReadsMs.toFixed(3)} ms/tick`,
      );
    }
    results['stream'] = {
      early,
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
    const collect = source.collectSync as NonNullable<typeof source.collectSync>;
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
    results['syncVsFileHandle'] = await syncVsFileHandle(`${paths['cpuacct']}/cpuacct.usage`, 20000);
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
