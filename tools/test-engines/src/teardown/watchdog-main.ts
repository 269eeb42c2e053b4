/**
 * The watchdog: a detached process that outlives the test process it serves. It reads the workspace's
 * cleanup journal and runs it (1) for one scope when asked on stdin (`teardown <scope>`), and (2) for
 * everything left when stdin reaches EOF, which the kernel delivers when the test process exits for any
 * reason, SIGKILL included. Bundled by esbuild and run by node; argv: <journal path>.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CleanupReport, JournalEntry } from './cleanup-step.js';
import { runCleanup } from './run-cleanup.js';

const journalPath = process.argv[2] ?? '';
if (journalPath === '') throw new Error('usage: watchdog <journal>');
const done = new Set<number>();

function pending(scope: string): { index: number; entry: JournalEntry }[] {
  let text = '';
  try {
    text = readFileSync(journalPath, 'utf8');
  } catch {
    return []; // the workspace was already removed
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line, index) => ({ index, entry: JSON.parse(line) as JournalEntry }))
    .filter(({ index, entry }) => !done.has(index) && (scope === '*' || entry.scope === scope));
}

async function teardown(scope: string): Promise<CleanupReport> {
  const entries = pending(scope);
  for (const { index } of entries) done.add(index);
  return runCleanup(entries.map(({ entry }) => entry.step));
}

// Terminal signals are for the test process; this one must finish its job.
for (const signal of ['SIGINT', 'SIGHUP', 'SIGPIPE'] as const) process.on(signal, () => undefined);
process.stdout.on('error', () => undefined); // the test process is gone: nobody to answer

let queue: Promise<unknown> = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const scope = line.startsWith('teardown ') ? line.slice('teardown '.length) : undefined;
  if (scope === undefined) return;
  queue = queue.then(async () => {
    const report = await teardown(scope);
    process.stdout.write(JSON.stringify({ scope, report }) + '\n');
  });
});
lines.on('close', () => {
  queue = queue.then(async () => {
    const report = await teardown('*');
    if (report.errors.length > 0) console.error(`watchdog: left behind: ${report.errors.join('; ')}`);
    process.exit(0);
  });
});
