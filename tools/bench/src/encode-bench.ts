import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeEvent, encodeEvent } from '@katamon/core';
import type { Event } from '@katamon/core';

// Encoder benchmark: time per event of encodeEvent(<busy runc sample>, 'runc') as a ratio to
// JSON.stringify of the same data held as plain numbers (the sample parsed by JSON.parse: same keys, same
// output size), measured in the same run. Warm-up, then interleaved rounds; the median ratio is reported.
//   node dist/encode-bench.mjs [sample.ndjson]   (npm run bench:encode -w @katamon/bench)

const workspace = process.env['KATAMON_WORKSPACE'] ?? join(import.meta.dirname, '..', '..', '..');
const samplePath =
  process.argv[2] ?? join(workspace, 'packages', 'core', 'src', 'encoding', 'contract', 'runc-1.1.5-busy-stats.ndjson');

const ROUNDS = 15;
const ITERATIONS = 20_000;

export interface EncodeBenchResult {
  bytes: number;
  encodeNsPerEvent: number;
  stringifyNsPerEvent: number;
  ratio: number;
}

function nsPerCall(fn: () => string, iterations: number): number {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink += fn().length;
  const elapsed = performance.now() - start;
  if (sink === 0) throw new Error('nothing encoded');
  return (elapsed * 1e6) / iterations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function runEncodeBench(line: string): EncodeBenchResult {
  const event: Event = decodeEvent(line, 'runc');
  const plain: unknown = JSON.parse(line);
  if (encodeEvent(event, 'runc') !== line) throw new Error('the sample does not round-trip; refusing to time it');
  const encode = (): string => encodeEvent(event, 'runc');
  const stringify = (): string => JSON.stringify(plain);
  nsPerCall(encode, ITERATIONS); // warm-up: let both reach optimised code
  nsPerCall(stringify, ITERATIONS);
  const enc: number[] = [];
  const str: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const e = nsPerCall(encode, ITERATIONS);
    const s = nsPerCall(stringify, ITERATIONS);
    enc.push(e);
    str.push(s);
    ratios.push(e / s);
  }
  return { bytes: line.length, encodeNsPerEvent: median(enc), stringifyNsPerEvent: median(str), ratio: median(ratios) };
}

if (process.argv[1] !== undefined && /encode-bench\.(m?js|ts)$/.test(process.argv[1])) {
  const line = readFileSync(samplePath, 'utf8').trim();
  const r = runEncodeBench(line);
  console.log(
    `encode (runc, busy sample, ${r.bytes} bytes): katamon ${r.encodeNsPerEvent.toFixed(0)} ns/event, ` +
      `JSON.stringify ${r.stringifyNsPerEvent.toFixed(0)} ns/event, ratio ${r.ratio.toFixed(2)}x (median of ${ROUNDS} rounds)`,
  );
}
