import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startFleet } from './server-bench-containers.js';

// katamon-server benchmarks, as ratios against references measured in the same run (loopback only, bounded):
//   throughput: GET /v1/containers/{id}/stats vs a bare node:http server answering the same bytes (goal >= 0.7x);
//   /metrics: scrape time with N real containers, fresh kernel reads (--max-age 0) and cached, against
//             N sequential `runc events --stats`.
// Needs root, runc, busybox-static. Run: see tools/bench/README.md ("server").

const workspace = process.env.KATAMON_WORKSPACE ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SERVER = join(workspace, 'dist', 'katamon', 'katamon-server.mjs');
const CONTAINERS = Number(process.env.KATAMON_BENCH_CONTAINERS ?? 100);
const SECONDS = Number(process.env.KATAMON_BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const ROUNDS = Number(process.env.KATAMON_BENCH_ROUNDS ?? 7);
const WARMUP_SECONDS = Number(process.env.KATAMON_BENCH_WARMUP_SECONDS ?? 3);
/**
 * CPU pinning (taskset, util-linux): this process (autocannon) on CPU 0, each server on CPU 1, so the load
 * generator and the server under test never share a core with each other. KATAMON_BENCH_PIN=0 turns it off.
 */
const PIN = process.env.KATAMON_BENCH_PIN !== '0' && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
/** Optional second katamon bundle (e.g. a copy of the previous build) measured in the same rounds: before/after. */
const BASELINE = process.env.KATAMON_BENCH_BASELINE_SERVER;
const SERVER_CPU = process.env.KATAMON_BENCH_SERVER_CPU ?? '1';
const CLIENT_CPU = process.env.KATAMON_BENCH_CLIENT_CPU ?? '0';

/** `node args…`, under `taskset -c SERVER_CPU` when pinning. */
function spawnNode(args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  return PIN
    ? spawn('taskset', ['-c', SERVER_CPU, process.execPath, ...args], options)
    : spawn(process.execPath, args, options);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function started(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { listening: string }).listening),
    );
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function katamonServer(
  root: string,
  extra: string[] = [],
  server = SERVER,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnNode([server, '--port', '0', '--root', root, '--log-level', 'warn', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { url: await started(child), child };
}

/** A bare node:http server in its own process, answering every request with `body` (JSON, as katamon). */
async function bareServer(body: string): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    const http = require('node:http');
    const body = Buffer.from(process.env.BODY);
    const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }); res.end(body); });
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ listening: 'http://127.0.0.1:' + server.address().port })));`;
  const child = spawnNode(['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BODY: body } });
  return { url: await started(child), child };
}

/** user + system CPU seconds of a process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Target {
  url: string;
  pid: number | undefined;
}

/** One autocannon round against a target: req/s, and the server process's CPU time per answered request. */
async function load(target: Target, seconds = SECONDS): Promise<{ rate: number; cpuPerRequestUs: number }> {
  const cpuBefore = target.pid === undefined ? 0 : cpuSeconds(target.pid);
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, duration: seconds });
  const cpu = target.pid === undefined ? 0 : cpuSeconds(target.pid) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rate: result.requests.average, cpuPerRequestUs: (cpu / Math.max(1, result.requests.total)) * 1e6 };
}

async function timeScrapes(
  url: string,
  scrapes: number,
): Promise<{ mean: number; p50: number; max: number; bytes: number; series: number }> {
  const times: number[] = [];
  let last = '';
  for (let i = 0; i < scrapes; i++) {
    const start = process.hrtime.bigint();
    const answer = await fetchText(`${url}/metrics`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}`);
    last = answer.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  times.sort((a, b) => a - b);
  return {
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    p50: times[Math.floor(times.length / 2)]!,
    max: times.at(-1)!,
    bytes: Buffer.byteLength(last),
    series: last.split('\n').filter((l) => l.startsWith('container_')).length,
  };
}

async function main(): Promise<void> {
  if (PIN) spawnSync('taskset', ['-a', '-p', '-c', CLIENT_CPU, String(process.pid)], { stdio: 'ignore' });
  spawnSync(process.execPath, [join(workspace, 'tools', 'build', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const fleet = startFleet(CONTAINERS);
  const children: ChildProcess[] = [];
  try {
    console.log(
      `${CONTAINERS} runc containers started; ${CONNECTIONS} connections, ${WARMUP_SECONDS}s warm-up, ${SECONDS}s per round, ${ROUNDS} rounds each`,
    );
    const katamon = await katamonServer(fleet.root);
    children.push(katamon.child);
    const statsUrl = `${katamon.url}/v1/containers/${fleet.ids[0]}/stats`;
    const body = (await fetchText(statsUrl)).body;
    const bare = await bareServer(body);
    children.push(bare.child);

    // Warm-up (JIT, caches, TCP), not counted; then interleaved rounds with the order alternating (bare first in
    // even rounds, katamon first in odd ones), so background load and any drift hit both alike. Reported: the
    // median per-round ratio, its spread (min..max), and the median req/s of each server.
    // Targets: bare node:http, katamon, and optionally a baseline katamon bundle (before/after in the same run).
    const targets: { name: string; target: Target }[] = [
      { name: 'bare', target: { url: bare.url, pid: bare.child.pid } },
      { name: 'katamon', target: { url: statsUrl, pid: katamon.child.pid } },
    ];
    if (BASELINE !== undefined) {
      const baseline = await katamonServer(fleet.root, [], BASELINE);
      children.push(baseline.child);
      const url = `${baseline.url}/v1/containers/${fleet.ids[0]}/stats`;
      if ((await fetchText(url)).body.length !== body.length) throw new Error('the baseline answers a different body');
      targets.push({ name: 'baseline', target: { url, pid: baseline.child.pid } });
    }
    // Warm-up (JIT, caches, connections), not counted. Then interleaved rounds, the order rotating each round, so
    // background load and drift hit every server alike. Two figures per round, each as a ratio to bare node:http
    // in the same round: throughput (req/s; bounded by autocannon's own core when the server is fast) and the
    // server's CPU time per request (getrusage-style, from /proc; the server-side cost, less sensitive to load).
    for (const { target } of targets) await load(target, WARMUP_SECONDS);
    const loadBefore = loadAverage();
    const rounds: Record<string, { rate: number; cpuPerRequestUs: number }>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results: Record<string, { rate: number; cpuPerRequestUs: number }> = {};
      for (let k = 0; k < targets.length; k++) {
        const { name, target } = targets[(round + k) % targets.length]!;
        results[name] = await load(target);
      }
      rounds.push(results);
    }
    console.log(
      `stats      load average ${loadBefore} before, ${loadAverage()} after; pinned: ${PIN ? `servers on CPU ${SERVER_CPU}, autocannon on CPU ${CLIENT_CPU}` : 'no'}; body ${Buffer.byteLength(body)} B`,
    );
    for (const { name } of targets) {
      const rates = rounds.map((r) => r[name]!.rate);
      const cpus = rounds.map((r) => r[name]!.cpuPerRequestUs);
      console.log(
        `stats      ${name.padEnd(8)} req/s per round: ${rates.map((x) => x.toFixed(0)).join(', ')}; median ${median(rates).toFixed(0)}; server CPU/request median ${median(cpus).toFixed(1)} us`,
      );
      if (name === 'bare') continue;
      const rateRatios = rounds.map((r) => r[name]!.rate / r['bare']!.rate);
      const cpuRatios = rounds.map((r) => r['bare']!.cpuPerRequestUs / r[name]!.cpuPerRequestUs);
      const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}x..${Math.max(...xs).toFixed(2)}x`;
      console.log(
        `stats      ${name} / bare: throughput ${median(rateRatios).toFixed(2)}x median of ${ROUNDS} rounds (spread ${spread(rateRatios)}); ` +
          `CPU-bound capacity (bare CPU/req / ${name} CPU/req) ${median(cpuRatios).toFixed(2)}x (spread ${spread(cpuRatios)}); goal >= 0.7x`,
      );
    }

    if (process.env.KATAMON_BENCH_SKIP_METRICS === '1') return;
    const cached = await timeScrapes(katamon.url, 10);
    const fresh = await katamonServer(fleet.root, ['--max-age', '0']);
    children.push(fresh.child);
    const uncached = await timeScrapes(fresh.url, 10);
    // Warm: a /v1/events stream samples every container every 2s; scrapes reuse those samples.
    const warm = await katamonServer(fleet.root, ['--max-age', '5000']);
    children.push(warm.child);
    const stream = request(
      `${warm.url}/v1/events?interval=2s`,
      { headers: { accept: 'application/x-ndjson' } },
      (res) => res.resume(),
    );
    stream.on('error', () => undefined).end();
    await new Promise((r) => setTimeout(r, 8000));
    const warmed = await timeScrapes(warm.url, 10);
    stream.destroy();
    const runcStart = process.hrtime.bigint();
    for (const id of fleet.ids) spawnSync('runc', ['--root', fleet.root, 'events', '--stats', id], { stdio: 'ignore' });
    const runcMs = Number(process.hrtime.bigint() - runcStart) / 1e6;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `metrics    ${CONTAINERS} containers, ${uncached.series} container series, ${(uncached.bytes / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `metrics    fresh (--max-age 0): mean ${ms(uncached.mean)}, p50 ${ms(uncached.p50)}, max ${ms(uncached.max)}`,
    );
    console.log(
      `metrics    cached (--max-age 1000): mean ${ms(cached.mean)}, p50 ${ms(cached.p50)}, max ${ms(cached.max)}`,
    );
    console.log(
      `metrics    warm (stream at 2s, --max-age 5000): mean ${ms(warmed.mean)}, p50 ${ms(warmed.p50)}, max ${ms(warmed.max)}`,
    );
    console.log(
      `metrics    ${CONTAINERS} x runc events --stats: ${ms(runcMs)}; fresh scrape / runc = ${(uncached.mean / runcMs).toFixed(3)}x`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    fleet.remove();
  }
}

await main();
