import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
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
const SERVER = join(workspace, 'apps', 'server', 'dist', 'katamon-server.mjs');
const CONTAINERS = Number(process.env.KATAMON_BENCH_CONTAINERS ?? 100);
const SECONDS = Number(process.env.KATAMON_BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const ROUNDS = Number(process.env.KATAMON_BENCH_ROUNDS ?? 3);

function started(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { listening: string }).listening));
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

async function katamonServer(root: string, extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SERVER, '--port', '0', '--root', root, '--log-level', 'warn', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  return { url: await started(child), child };
}

/** A bare node:http server in its own process, answering every request with `body` (JSON, as katamon). */
async function bareServer(body: string): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    const http = require('node:http');
    const body = Buffer.from(process.env.BODY);
    const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }); res.end(body); });
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ listening: 'http://127.0.0.1:' + server.address().port })));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BODY: body } });
  return { url: await started(child), child };
}

async function cannon(url: string, seconds = SECONDS): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function timeScrapes(url: string, scrapes: number): Promise<{ mean: number; p50: number; max: number; bytes: number; series: number }> {
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
  spawnSync(process.execPath, [join(workspace, 'apps', 'server', 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  const fleet = startFleet(CONTAINERS);
  const children: ChildProcess[] = [];
  try {
    console.log(`${CONTAINERS} runc containers started; ${CONNECTIONS} connections, ${SECONDS}s per round, ${ROUNDS} rounds each`);
    const katamon = await katamonServer(fleet.root);
    children.push(katamon.child);
    const statsUrl = `${katamon.url}/v1/containers/${fleet.ids[0]}/stats`;
    const body = (await fetchText(statsUrl)).body;
    const bare = await bareServer(body);
    children.push(bare.child);

    // Interleaved rounds, so background load hits both alike; the median per-round ratio is reported.
    await cannon(bare.url, 2);
    await cannon(statsUrl, 2); // warm-up (JIT, caches), not counted
    const ratios: number[] = [];
    const rates: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bareRate = await cannon(bare.url);
      const katamonRate = await cannon(statsUrl);
      ratios.push(katamonRate / bareRate);
      rates.push(`${katamonRate.toFixed(0)}/${bareRate.toFixed(0)}`);
    }
    ratios.sort((x, y) => x - y);
    console.log(`stats      katamon/bare req/s per round: ${rates.join(', ')} (body ${Buffer.byteLength(body)} B)`);
    console.log(`stats      katamon / bare = ${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}x median (min ${ratios[0]!.toFixed(2)}x), goal >= 0.7x`);

    if (process.env.KATAMON_BENCH_SKIP_METRICS === '1') return;
    const cached = await timeScrapes(katamon.url, 10);
    const fresh = await katamonServer(fleet.root, ['--max-age', '0']);
    children.push(fresh.child);
    const uncached = await timeScrapes(fresh.url, 10);
    // Warm: a /v1/events stream samples every container every 2s; scrapes reuse those samples.
    const warm = await katamonServer(fleet.root, ['--max-age', '5000']);
    children.push(warm.child);
    const stream = request(`${warm.url}/v1/events?interval=2s`, { headers: { accept: 'application/x-ndjson' } }, (res) => res.resume());
    stream.on('error', () => undefined).end();
    await new Promise((r) => setTimeout(r, 8000));
    const warmed = await timeScrapes(warm.url, 10);
    stream.destroy();
    const runcStart = process.hrtime.bigint();
    for (const id of fleet.ids) spawnSync('runc', ['--root', fleet.root, 'events', '--stats', id], { stdio: 'ignore' });
    const runcMs = Number(process.hrtime.bigint() - runcStart) / 1e6;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`metrics    ${CONTAINERS} containers, ${uncached.series} container series, ${(uncached.bytes / 1024).toFixed(0)} KiB`);
    console.log(`metrics    fresh (--max-age 0): mean ${ms(uncached.mean)}, p50 ${ms(uncached.p50)}, max ${ms(uncached.max)}`);
    console.log(`metrics    cached (--max-age 1000): mean ${ms(cached.mean)}, p50 ${ms(cached.p50)}, max ${ms(cached.max)}`);
    console.log(`metrics    warm (stream at 2s, --max-age 5000): mean ${ms(warmed.mean)}, p50 ${ms(warmed.p50)}, max ${ms(warmed.max)}`);
    console.log(`metrics    ${CONTAINERS} x runc events --stats: ${ms(runcMs)}; fresh scrape / runc = ${(uncached.mean / runcMs).toFixed(3)}x`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    fleet.remove();
  }
}

await main();
