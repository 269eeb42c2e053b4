import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchContainer } from './cli-bench-container.js';
import { cpuPerEventInWindows, streamWindows, type WindowFigure } from './same-window.js';

// `katamon events` benchmarks, as ratios against references measured in the same run:
//   start-up: `katamon events --stats <id>` wall time vs `node -e 0` (and `runc events --stats`), via hyperfine;
//   streaming: CPU time per event of `katamon events --interval D` vs `runc events --interval D` (10 ms),
//   side by side over the same windows of the streams' life, the steady state after the JIT settles.
// Needs root, runc, busybox-static, hyperfine, and the build (npm run build: dist/katamon/).

const workspace = process.env.KATAMON_WORKSPACE ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bundle = join(workspace, 'dist', 'katamon', 'katamon.cjs');

interface HyperfineResult {
  command: string;
  mean: number;
  stddev: number;
  median: number;
  user: number;
  system: number;
  times: number[];
}

/**
 * hyperfine over `rounds` interleaved rounds (each command `runs / rounds` times per round, after one warm-up
 * run), the figures over all runs: hyperfine times each command in one block, and on a shared VM a block
 * can fall into a slow minute that the next one misses.
 */
function hyperfine(commands: Record<string, string>, runs: number, rounds: number): Map<string, HyperfineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-bench-'));
  const out = join(dir, 'result.json');
  const names = Object.keys(commands);
  const all = new Map<string, HyperfineResult[]>();
  for (let r = 0; r < rounds; r++) {
    const args = [
      '-N',
      '--warmup',
      '1',
      '--runs',
      String(Math.max(2, Math.round(runs / rounds))),
      '--export-json',
      out,
    ];
    for (const name of names) args.push('-n', name, commands[name] as string);
    execFileSync('hyperfine', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    for (const result of (JSON.parse(readFileSync(out, 'utf8')) as { results: HyperfineResult[] }).results) {
      all.set(result.command, [...(all.get(result.command) ?? []), result]);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return new Map(
    [...all].map(([command, results]) => {
      const times = results.flatMap((r) => r.times).sort((a, b) => a - b);
      const mean = average(times);
      const stddev = Math.sqrt(average(times.map((t) => (t - mean) ** 2)));
      const median = times[times.length >> 1] as number;
      return [
        command,
        {
          command,
          mean,
          stddev,
          median,
          times,
          user: average(results.map((r) => r.user)),
          system: average(results.map((r) => r.system)),
        },
      ];
    }),
  );
}

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`no bundle at ${bundle}: run npm run build`);
  // The V8 code cache next to the bundle is made by the first run (a warm-up run here), so that it holds
  // what `events --stats` compiles rather than what some earlier command did.
  rmSync(`${bundle}.v8cache`, { force: true });
  const container = startBenchContainer(['sleep', '100000']);
  try {
    const runs = Number(process.env.KATAMON_BENCH_RUNS ?? 60);
    const startupRounds = Number(process.env.KATAMON_BENCH_STARTUP_ROUNDS ?? 6);
    const startup = hyperfine(
      {
        'node -e 0': `${process.execPath} -e 0`,
        'katamon events --stats': `${process.execPath} ${bundle} --root ${container.root} events --stats ${container.id}`,
        'katamon events --stats --schema runc': `${process.execPath} ${bundle} --root ${container.root} events --stats --schema runc ${container.id}`,
        // Every engine's default root is looked at by default; this is the same run with only the root given.
        'katamon events --stats, discovery off': `${process.execPath} ${bundle} --discover none --root ${container.root} events --stats ${container.id}`,
        // The same without the code cache (what the first run after a build costs, minus writing the cache).
        'katamon events --stats, no code cache': `env KATAMON_CODE_CACHE=0 ${process.execPath} ${bundle} --root ${container.root} events --stats ${container.id}`,
        'runc events --stats': `runc --root ${container.root} events --stats ${container.id}`,
      },
      runs,
      startupRounds,
    );
    const node = startup.get('node -e 0') as HyperfineResult;
    const katamon = startup.get('katamon events --stats') as HyperfineResult;
    const runc = startup.get('runc events --stats') as HyperfineResult;
    const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
    console.log(
      `start-up  node -e 0 ${ms(node.mean)} ± ${ms(node.stddev)}; katamon --stats ${ms(katamon.mean)} ± ${ms(katamon.stddev)}; runc --stats ${ms(runc.mean)}`,
    );
    const katamonRunc = startup.get('katamon events --stats --schema runc') as HyperfineResult;
    console.log(
      `start-up  katamon / node = ${(katamon.mean / node.mean).toFixed(2)}x (median ${(katamon.median / node.median).toFixed(2)}x), goal <= 1.3x`,
    );
    console.log(
      `start-up  katamon --schema runc / node = ${(katamonRunc.mean / node.mean).toFixed(2)}x (median ${(katamonRunc.median / node.median).toFixed(2)}x)`,
    );
    const undiscovered = startup.get('katamon events --stats, discovery off') as HyperfineResult;
    console.log(
      `start-up  katamon --discover none / node = ${(undiscovered.mean / node.mean).toFixed(2)}x (median ${(undiscovered.median / node.median).toFixed(2)}x): what looking at every engine's roots costs`,
    );
    const uncached = startup.get('katamon events --stats, no code cache') as HyperfineResult;
    console.log(
      `start-up  katamon without code cache / node = ${(uncached.mean / node.mean).toFixed(2)}x (${ms(uncached.mean)})`,
    );
    // CPU time moves far less than wall time on a loaded host.
    const cpu = (r: HyperfineResult) => r.user + r.system;
    console.log(
      `start-up  CPU (user+sys): node ${ms(cpu(node))}, katamon ${ms(cpu(katamon))} = ${(cpu(katamon) / cpu(node)).toFixed(2)}x, --schema runc ${ms(cpu(katamonRunc))} = ${(cpu(katamonRunc) / cpu(node)).toFixed(2)}x, runc ${ms(cpu(runc))}`,
    );

    // Streaming: runc and katamon side by side over the same windows (see same-window.ts), one pair of
    // processes per schema, measured as the stream ages. At 100 events/s V8 keeps optimising the per-event
    // code (node's timers, the sample, the encoder) until about 50 s (`--trace-opt`: 46 TurboFan compiles in
    // the first 5 s, 18 between 15 and 20 s, 8 between 40 and 45 s, none after), each compile 1-14 ms on a
    // worker thread. A stream runs for minutes or hours, so its cost per event is the steady state: the
    // median of three windows from 60 s on. The windows after 3 s and 15 s show the way there.
    const interval = process.env.KATAMON_BENCH_INTERVAL ?? '10ms';
    const steadyFrom = Number(process.env.KATAMON_BENCH_STEADY_FROM ?? 60);
    const seconds = Number(process.env.KATAMON_BENCH_SECONDS ?? 10);
    const stream = (schema: string) => [
      bundle,
      '--root',
      container.root,
      'events',
      '--schema',
      schema,
      '--interval',
      interval,
      container.id,
    ];
    const runcSubject = {
      name: 'runc events',
      command: 'runc',
      args: ['--root', container.root, 'events', '--interval', interval, container.id],
    };
    const katamonSubject = (schema: string) => ({
      name: `katamon --schema ${schema}`,
      command: process.execPath,
      args: stream(schema),
    });
    const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
    const windows = streamWindows(steadyFrom, seconds);
    const streamRatios = async (schema: string): Promise<number[]> => {
      const figures = (await cpuPerEventInWindows([runcSubject, katamonSubject(schema)], windows)) as [
        WindowFigure,
        WindowFigure,
      ][];
      return figures.map(([runc, ours], w) => {
        const ratio = ours.cpuMsPerEvent / runc.cpuMsPerEvent;
        console.log(
          `streaming at ${interval}, ${windows[w]?.label}: runc events ${us(runc.cpuMsPerEvent)} CPU/event (${runc.events}), katamon --schema ${schema} ${us(ours.cpuMsPerEvent)} (${ours.events}) = ${ratio.toFixed(2)}x`,
        );
        return ratio;
      });
    };
    // The median of the steady windows (every window after the first two).
    const steady = (ratios: number[]) => {
      const late = ratios.slice(2).sort((a, b) => a - b);
      return late[late.length >> 1] as number;
    };
    const runcRatios = await streamRatios('runc');
    // The kata schema adds /proc/<pid>/net/{dev,tcp,tcp6,udp,udp6}: the kernel walks the host's whole TCP hash
    // for tcp and tcp6 (see the netns bench), which runc never reads.
    const kataRatios = await streamRatios('kata');
    console.log(
      `streaming katamon --schema kata / runc events = ${steady(kataRatios).toFixed(2)}x (steady state, median of 3)`,
    );
    console.log(
      `streaming katamon --schema runc / runc events = ${steady(runcRatios).toFixed(2)}x (steady state from ${steadyFrom} s, median of 3; from 3 s ${runcRatios[0]?.toFixed(2)}x, from 15 s ${runcRatios[1]?.toFixed(2)}x), goal <= 0.25x`,
    );
  } finally {
    container.remove();
  }
}

await main();
