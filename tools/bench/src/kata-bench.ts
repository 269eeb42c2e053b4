/**
 * Client overhead of katamon's ttrpc client per StatsContainer call against the Go reference agent (Debian's
 * ttrpc 1.1.1 server), as a ratio to a Go ttrpc client making the same calls in the same run; then 1,000
 * concurrent calls on one connection, both clients. Run: see README (`kata`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentClient, AgentConnection } from '@katamon/kata-agent';
import { buildKataRef, goClientRun, kataRefSource, serveKataRef } from './kata-ref-agent.js';

const KNOWN_ID = '4b1dc0ffee0123456789abcdef0123456789abcdef0123456789abcdef012345';
const CALLS = Number(process.env['KATA_BENCH_CALLS'] ?? 5_000);
const ROUNDS = Number(process.env['KATA_BENCH_ROUNDS'] ?? 7);
const CONCURRENT = 1_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const us = (ns: number): string => `${(ns / 1000).toFixed(1)} µs`;

interface Run {
  wallNs: number;
  /** CPU time of the client process (user + system): its own cost, less sensitive to machine load. */
  cpuNs: number;
}

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

async function tsRun(client: AgentClient, n: number): Promise<Run> {
  const cpu0 = cpuNs();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = await client.statsContainer(KNOWN_ID);
    if (r.cgroupStats?.pidsStats?.current !== 3n) throw new Error('unexpected answer');
  }
  return { wallNs: Number(process.hrtime.bigint() - start), cpuNs: cpuNs() - cpu0 };
}

async function tsConcurrent(client: AgentClient, n: number): Promise<Run> {
  const cpu0 = cpuNs();
  const start = process.hrtime.bigint();
  const answers = await Promise.all(Array.from({ length: n }, () => client.statsContainer(KNOWN_ID)));
  const run = { wallNs: Number(process.hrtime.bigint() - start), cpuNs: cpuNs() - cpu0 };
  if (answers.some((r) => r.cgroupStats?.pidsStats?.current !== 3n)) throw new Error('unexpected answer');
  return run;
}

async function main(): Promise<void> {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const binary = await buildKataRef(kataRefSource(repoRoot));
  const dir = await mkdtemp(join(tmpdir(), 'kata-bench-'));
  const socket = join(dir, 'agent.sock');
  const stop = await serveKataRef(binary, socket);
  const conn = new AgentConnection(`unix://${socket}`);
  const client = new AgentClient(conn);
  try {
    await tsRun(client, 500); // warm-up (the Go client warms up inside its own run)
    const wall = { go: [] as number[], ts: [] as number[], ratio: [] as number[] };
    const cpu = { go: [] as number[], ts: [] as number[], ratio: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const go = await goClientRun(binary, socket, CALLS);
      const ts = await tsRun(client, CALLS);
      wall.go.push(go.totalNs / go.calls);
      wall.ts.push(ts.wallNs / CALLS);
      wall.ratio.push(ts.wallNs / CALLS / (go.totalNs / go.calls));
      cpu.go.push(go.cpuNs / go.calls);
      cpu.ts.push(ts.cpuNs / CALLS);
      cpu.ratio.push(ts.cpuNs / CALLS / (go.cpuNs / go.calls));
    }
    const rounds = (xs: number[]): string => xs.map((r) => r.toFixed(2)).join(' ');
    console.log(
      `sequential StatsContainer, ${ROUNDS} rounds × ${CALLS} calls, same server, interleaved (decode included):`,
    );
    console.log(
      `  round trip  Go ${us(median(wall.go))}  katamon ${us(median(wall.ts))}  ratio median ${median(wall.ratio).toFixed(2)}×  [${rounds(wall.ratio)}]`,
    );
    console.log(
      `  client CPU  Go ${us(median(cpu.go))}  katamon ${us(median(cpu.ts))}  ratio median ${median(cpu.ratio).toFixed(2)}×  [${rounds(cpu.ratio)}]`,
    );
    console.log('  goal: ≤ 1.5×');

    const goC: { totalNs: number; cpuNs: number }[] = [];
    const tsC: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      goC.push(await goClientRun(binary, socket, CONCURRENT, CONCURRENT));
      tsC.push(await tsConcurrent(client, CONCURRENT));
    }
    const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;
    console.log(`${CONCURRENT} concurrent calls on one connection, ${ROUNDS} rounds (all answered, checked):`);
    console.log(
      `  wall        Go ${ms(median(goC.map((g) => g.totalNs)))}  katamon ${ms(median(tsC.map((t) => t.wallNs)))}  ratio median ${median(tsC.map((t, i) => t.wallNs / (goC[i] as { totalNs: number }).totalNs)).toFixed(2)}×`,
    );
    console.log(
      `  client CPU  Go ${ms(median(goC.map((g) => g.cpuNs)))}  katamon ${ms(median(tsC.map((t) => t.cpuNs)))}  ratio median ${median(tsC.map((t, i) => t.cpuNs / (goC[i] as { cpuNs: number }).cpuNs)).toFixed(2)}×`,
    );
    console.log(
      `  in flight after: ${conn.current?.pendingCalls ?? 0} calls, ${conn.current?.bufferedBytes ?? 0} bytes buffered`,
    );
  } finally {
    conn.close();
    stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
