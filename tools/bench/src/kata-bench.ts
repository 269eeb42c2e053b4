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

async function tsRun(client: AgentClient, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = await client.statsContainer(KNOWN_ID);
    if (r.cgroupStats?.pidsStats?.current !== 3n) throw new Error('unexpected answer');
  }
  return Number(process.hrtime.bigint() - start);
}

async function tsConcurrent(client: AgentClient, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  const answers = await Promise.all(Array.from({ length: n }, () => client.statsContainer(KNOWN_ID)));
  const elapsed = Number(process.hrtime.bigint() - start);
  if (answers.some((r) => r.cgroupStats?.pidsStats?.current !== 3n)) throw new Error('unexpected answer');
  return elapsed;
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
    const ratios: number[] = [];
    const goPer: number[] = [];
    const tsPer: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const go = await goClientRun(binary, socket, CALLS);
      const ts = await tsRun(client, CALLS);
      goPer.push(go.totalNs / go.calls);
      tsPer.push(ts / CALLS);
      ratios.push(ts / CALLS / (go.totalNs / go.calls));
    }
    console.log(`sequential StatsContainer, ${ROUNDS} rounds × ${CALLS} calls, same server, interleaved:`);
    console.log(`  Go ttrpc client  median ${us(median(goPer))} per call`);
    console.log(`  katamon client   median ${us(median(tsPer))} per call (decode into the agent types included)`);
    console.log(`  ratio katamon/Go median ${median(ratios).toFixed(2)}× (goal ≤ 1.5×), rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);

    const goC: number[] = [];
    const tsC: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      goC.push((await goClientRun(binary, socket, CONCURRENT, CONCURRENT)).totalNs);
      tsC.push(await tsConcurrent(client, CONCURRENT));
    }
    console.log(`${CONCURRENT} concurrent calls on one connection, ${ROUNDS} rounds:`);
    console.log(`  Go ttrpc client  median ${(median(goC) / 1e6).toFixed(1)} ms`);
    console.log(`  katamon client   median ${(median(tsC) / 1e6).toFixed(1)} ms`);
    console.log(`  ratio katamon/Go median ${median(tsC.map((t, i) => t / (goC[i] as number))).toFixed(2)}×`);
    console.log(`  in flight after: ${conn.current?.pendingCalls ?? 0} calls, ${conn.current?.bufferedBytes ?? 0} bytes buffered`);
  } finally {
    conn.close();
    stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
