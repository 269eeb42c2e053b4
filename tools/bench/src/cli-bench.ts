import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchContainer } from './cli-bench-container.js';
import { cpuPerEventInOneWindow, type WindowFigure } from './same-window.js';

// `katamon events` benchmarks, as ratios against references measured in the same run:
//   start-up: `katamon events --stats <id>` wall time vs `node -e 0` (and `runc events --stats`), via hyperfine;
//   streaming: CPU time per event of `katamon events --interval D` vs `runc events --interval D` (10 ms),
//   side by side over the same window, in steady state (after a warm-up), rounds.
// Needs root, runc, busybox-static, hyperfine, and the bundle (npx nx run @katamon/cli:bundle).

const workspace = process.env.KATAMON_WORKSPACE ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bundle = join(workspace, 'apps', 'cli', 'dist', 'katamon.cjs');

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
    const args = ['-N', '--warmup', '1', '--runs', String(Math.max(2, Math.round(runs / rounds))), '--export-json', out];
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
      return [command, { command, mean, stddev, median, times, user: average(results.map((r) => r.user)), system: average(results.map((r) => r.system)) }];
    }),
  );
}

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`no bundle at ${bundle}: run npx nx run @katamon/cli:bundle`);
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
    console.log(`start-up  node -e 0 ${ms(node.mean)} ± ${ms(node.stddev)}; katamon --stats ${ms(katamon.mean)} ± ${ms(katamon.stddev)}; runc --stats ${ms(runc.mean)}`);
    const katamonRunc = startup.get('katamon events --stats --schema runc') as HyperfineResult;
    console.log(`start-up  katamon / node = ${(katamon.mean / node.mean).toFixed(2)}x (median ${(katamon.median / node.median).toFixed(2)}x), goal <= 1.3x`);
    console.log(`start-up  katamon --schema runc / node = ${(katamonRunc.mean / node.mean).toFixed(2)}x (median ${(katamonRunc.median / node.median).toFixed(2)}x)`);
    const uncached = startup.get('katamon events --stats, no code cache') as HyperfineResult;
    console.log(`start-up  katamon without code cache / node = ${(uncached.mean / node.mean).toFixed(2)}x (${ms(uncached.mean)})`);
    // CPU time moves far less than wall time on a loaded host.
    const cpu = (r: HyperfineResult) => r.user + r.system;
    console.log(
      `start-up  CPU (user+sys): node ${ms(cpu(node))}, katamon ${ms(cpu(katamon))} = ${(cpu(katamon) / cpu(node)).toFixed(2)}x, --schema runc ${ms(cpu(katamonRunc))} = ${(cpu(katamonRunc) / cpu(node)).toFixed(2)}x, runc ${ms(cpu(runc))}`,
    );

    // Streaming: runc and katamon side by side over the same window (see same-window.ts), after a warm-up
    // long enough for V8 to optimise the per-event code: a stream runs for minutes or hours, and at 100
    // events/s its functions reach TurboFan only after some seconds. One round with a 3 s warm-up shows the
    // early figure too.
    const seconds = Number(process.env.KATAMON_BENCH_SECONDS ?? 8);
    const warmup = Number(process.env.KATAMON_BENCH_WARMUP ?? 15);
    const interval = process.env.KATAMON_BENCH_INTERVAL ?? '10ms';
    const rounds = Number(process.env.KATAMON_BENCH_ROUNDS ?? 3);
    const stream = (schema: string) => [bundle, '--root', container.root, 'events', '--schema', schema, '--interval', interval, container.id];
    const runcSubject = { name: 'runc events', command: 'runc', args: ['--root', container.root, 'events', '--interval', interval, container.id] };
    const katamonSubject = (schema: string) => ({ name: `katamon --schema ${schema}`, command: process.execPath, args: stream(schema) });
    const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
    const round = async (label: string, warm: number, schema = 'runc') => {
      const [runc, ours] = (await cpuPerEventInOneWindow([runcSubject, katamonSubject(schema)], warm, seconds)) as [WindowFigure, WindowFigure];
      const ratio = ours.cpuMsPerEvent / runc.cpuMsPerEvent;
      console.log(
        `streaming ${label} at ${interval}, same window: runc events ${us(runc.cpuMsPerEvent)} CPU/event (${runc.events}), katamon --schema ${schema} ${us(ours.cpuMsPerEvent)} (${ours.events}) = ${ratio.toFixed(2)}x`,
      );
      return ratio;
    };
    await round('after a 3 s warm-up', 3);
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) ratios.push(await round(`round ${r + 1}, after a ${warmup} s warm-up`, warmup));
    // The kata schema adds /proc/<pid>/net/{dev,tcp,tcp6,udp,udp6}: the kernel walks the host's whole TCP hash
    // for tcp and tcp6 (see the netns bench), which runc never reads.
    await round(`kata schema, after a ${warmup} s warm-up`, warmup, 'kata');
    const median = [...ratios].sort((a, b) => a - b)[ratios.length >> 1] as number;
    console.log(`streaming katamon --schema runc / runc events = ${median.toFixed(2)}x (median of ${rounds}, steady state), goal <= 0.25x`);
  } finally {
    container.remove();
  }
}

await main();
