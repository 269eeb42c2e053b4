// Resident memory of katamon-server (dist/katamon/) by number of containers: N idle runc containers under one
// state root, the server reading only that root, Prometheus' load of one /metrics scrape a second.
//   npm run bench:server-rss -w @katamon/bench -- 0 100 500
// Prints, per N: RSS after start, after the first scrape, after 30 and after all scrapes, and the peak (VmHWM).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFleet } from './server-bench-containers.js';

const SERVER = join(import.meta.dirname, '..', '..', '..', 'dist', 'katamon', 'katamon-server.mjs');
/** Scrapes per measurement (KATAMON_RSS_SCRAPES): enough for V8's heap to settle. */
const SCRAPES = Number(process.env['KATAMON_RSS_SCRAPES'] ?? 120);

function status(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

async function measure(count: number): Promise<string> {
  const fleet = startFleet(count);
  const empty = mkdtempSync(join(tmpdir(), 'katamon-rss-empty-'));
  const child = spawn(
    process.execPath,
    [SERVER, '--port', '0', '--root', fleet.root, '--crun-root', empty, '--kata-root', empty, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const { stdout, pid } = child;
    if (pid === undefined) throw new Error(`cannot start ${SERVER}`);
    const line = await new Promise<string>((resolve) => createInterface({ input: stdout }).once('line', resolve));
    const url = (JSON.parse(line) as { listening: string }).listening;
    const started = status(pid);
    let bytes = 0;
    let first = started;
    let thirty = started;
    for (let i = 0; i < SCRAPES; i++) {
      const at = performance.now();
      const body = await (await fetch(`${url}/metrics`)).text();
      bytes = body.length;
      if (i === 0) first = status(pid);
      if (i === 29) thirty = status(pid);
      // One scrape a second, as a 1 s Prometheus would.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - at))));
    }
    const end = status(pid);
    const mib = (n: number) => n.toFixed(1);
    return `| ${count} | ${mib(started.rss)} | ${mib(first.rss)} | ${mib(thirty.rss)} | ${mib(end.rss)} | ${mib(end.hwm)} | ${Math.round(bytes / 1024)} |`;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
    fleet.remove();
    rmSync(empty, { recursive: true, force: true });
  }
}

const counts = process.argv.slice(2).map(Number);
console.log(
  `| containers | RSS after start (MiB) | after 1st scrape | after 30 scrapes | after ${SCRAPES} | peak (VmHWM) | scrape (KiB) |`,
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const count of counts.length > 0 ? counts : [0, 100, 500]) console.log(await measure(count));
