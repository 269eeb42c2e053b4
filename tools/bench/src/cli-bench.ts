import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchContainer } from './cli-bench-container.js';

// `katamon events` benchmarks, as ratios against references measured in the same run:
//   start-up: `katamon events --stats <id>` wall time vs `node -e 0` (and `runc events --stats`), via hyperfine;
//   streaming: CPU time per sample of `katamon events --interval D` vs `runc events --interval D` (10 ms),
//   in steady state (after a warm-up), interleaved rounds.
// Needs root, runc, busybox-static, hyperfine, and the bundle (npx nx run @katamon/cli:bundle).

const workspace = process.env.KATAMON_WORKSPACE ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bundle = join(workspace, 'apps', 'cli', 'dist', 'katamon.cjs');
const CLK_TCK = 100;

interface HyperfineResult {
  command: string;
  mean: number;
  stddev: number;
  median: number;
  user: number;
  system: number;
}

function hyperfine(commands: Record<string, string>, runs: number): Map<string, HyperfineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-bench-'));
  const out = join(dir, 'result.json');
  const names = Object.keys(commands);
  const args = ['-N', '--warmup', '3', '--runs', String(runs), '--export-json', out];
  for (const name of names) args.push('-n', name, commands[name] as string);
  execFileSync('hyperfine', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const results = (JSON.parse(readFileSync(out, 'utf8')) as { results: HyperfineResult[] }).results;
  rmSync(dir, { recursive: true, force: true });
  return new Map(results.map((r) => [r.command, r]));
}

/** utime + stime of a process, seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/**
 * CPU seconds per event of a streaming command over `seconds`, counted from its first event after
 * `warmup` seconds: start-up and JIT warm-up excluded, the steady state a long-running stream is in.
 */
async function cpuPerSample(command: string, args: string[], seconds: number, warmup: number): Promise<{ perSample: number; samples: number }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const warmUntil = Date.now() + warmup * 1000;
  let lines = 0;
  let startCpu = -1;
  let startLines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
    if (startCpu < 0 && lines > 0 && Date.now() >= warmUntil) {
      startCpu = cpuSeconds(child.pid as number);
      startLines = lines;
    }
  });
  await new Promise((r) => setTimeout(r, warmup * 1000));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const endCpu = cpuSeconds(child.pid as number);
  const endLines = lines;
  child.kill('SIGKILL');
  const samples = endLines - startLines;
  if (startCpu < 0 || samples <= 0) throw new Error(`${command} printed no events`);
  return { perSample: (endCpu - startCpu) / samples, samples };
}

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`no bundle at ${bundle}: run npx nx run @katamon/cli:bundle`);
  // The V8 code cache next to the bundle is made by the first run (a warm-up run here), so that it holds
  // what `events --stats` compiles rather than what some earlier command did.
  rmSync(`${bundle}.v8cache`, { force: true });
  const container = startBenchContainer(['sleep', '100000']);
  try {
    const runs = Number(process.env.KATAMON_BENCH_RUNS ?? 30);
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

    const seconds = Number(process.env.KATAMON_BENCH_SECONDS ?? 8);
    const warmup = Number(process.env.KATAMON_BENCH_WARMUP ?? 3);
    const interval = process.env.KATAMON_BENCH_INTERVAL ?? '10ms';
    const rounds = Number(process.env.KATAMON_BENCH_ROUNDS ?? 3);
    const stream = (schema: string) => [bundle, '--root', container.root, 'events', '--schema', schema, '--interval', interval, container.id];
    const us = (s: number) => `${(s * 1e6).toFixed(0)} µs`;
    // Same schema, same data: runc's; interleaved rounds, the median ratio. Then the default kata schema,
    // which adds the network namespace.
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const theirs = await cpuPerSample('runc', ['--root', container.root, 'events', '--interval', interval, container.id], seconds, warmup);
      const ours = await cpuPerSample(process.execPath, stream('runc'), seconds, warmup);
      ratios.push(ours.perSample / theirs.perSample);
      console.log(
        `streaming round ${r + 1} at ${interval}: runc events ${us(theirs.perSample)} CPU/sample (${theirs.samples}), katamon --schema runc ${us(ours.perSample)} (${ours.samples}) = ${(ours.perSample / theirs.perSample).toFixed(2)}x`,
      );
    }
    const median = [...ratios].sort((a, b) => a - b)[ratios.length >> 1] as number;
    console.log(`streaming katamon --schema runc / runc events = ${median.toFixed(2)}x (median of ${rounds}), goal <= 0.25x`);
    const kata = await cpuPerSample(process.execPath, stream('kata'), seconds, warmup);
    console.log(`streaming katamon --schema kata ${us(kata.perSample)} (${kata.samples}) (adds /proc/<pid>/net/{dev,tcp,tcp6,udp,udp6})`);
  } finally {
    container.remove();
  }
}

await main();
