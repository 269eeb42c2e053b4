import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchContainer } from './cli-bench-container.js';
import { cpuPerEventInWindows, streamWindows, type ChildSubject } from './same-window.js';

// Two builds of the CLI side by side: CPU per event of `katamon events --schema runc --interval 10ms` of one
// idle runc container, bundle A ("before") and bundle B ("after") over the same windows of the streams' life
// (see same-window.ts), with `runc events` as the reference. With KATAMON_BENCH_PLUGIN=1, B runs a second
// time with a third-party plugin loaded (isolated, skipping runc containers): what a first-party stream pays
// for a plugin it does not use.
//
// Each bundle must sit at the depth of apps/cli/dist (e.g. apps/cli/dist-before/katamon.cjs): the bundle finds
// the native read addon and other workspace files relative to itself.
// Needs root, runc, busybox-static. KATAMON_BENCH_A, KATAMON_BENCH_B: the two katamon.cjs.

const [a, b] = [process.env.KATAMON_BENCH_A, process.env.KATAMON_BENCH_B];
if (a === undefined || b === undefined) throw new Error('set KATAMON_BENCH_A and KATAMON_BENCH_B to two katamon.cjs');
const interval = process.env.KATAMON_BENCH_INTERVAL ?? '10ms';
const steadyFrom = Number(process.env.KATAMON_BENCH_STEADY_FROM ?? 60);
const seconds = Number(process.env.KATAMON_BENCH_SECONDS ?? 10);

/** A plugin with its own (empty) resolver and a source that skips every runc container. */
function skippingPlugin(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'katamon-bench-plugin-')), 'skips-runc.mjs');
  writeFileSync(
    file,
    `export const plugin = {
  name: 'katamon-bench-skips-runc',
  apiVersion: 'katamon.plugin/v1',
  coreRange: '^0.1.0',
  sources: [{ kind: 'skip', create: () => ({
    name: 'skips-runc',
    probe: (ref) => (ref.runtime === 'runc' ? 'skip' : 'handle'),
    collect: async () => ({ stats: {} }),
  }) }],
};
`,
  );
  return file;
}

async function main(): Promise<void> {
  const container = startBenchContainer(['sleep', '100000']);
  try {
    const stream = (bundle: string, extra: string[] = []) => [
      bundle,
      '--root',
      container.root,
      ...extra,
      'events',
      '--schema',
      'runc',
      '--interval',
      interval,
      container.id,
    ];
    const subjects: ChildSubject[] = [
      {
        name: 'runc events',
        command: 'runc',
        args: ['--root', container.root, 'events', '--interval', interval, container.id],
      },
      { name: 'A', command: process.execPath, args: stream(a as string) },
      { name: 'B', command: process.execPath, args: stream(b as string) },
    ];
    if (process.env.KATAMON_BENCH_PLUGIN === '1')
      subjects.push({
        name: 'B + plugin',
        command: process.execPath,
        args: stream(b as string, ['--plugin', skippingPlugin()]),
      });
    const windows = streamWindows(steadyFrom, seconds);
    const figures = await cpuPerEventInWindows(subjects, windows);
    const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
    figures.forEach((row, w) => {
      const [runc, ...ours] = row;
      const cells = ours.map((f) => `${f.name} ${us(f.cpuMsPerEvent)} (${f.events})`).join(', ');
      const ratio = (row[2]?.cpuMsPerEvent ?? 0) / (row[1]?.cpuMsPerEvent ?? 1);
      console.log(
        `${windows[w]?.label}: runc ${us(runc?.cpuMsPerEvent ?? 0)}, ${cells}; B/A = ${ratio.toFixed(3)}x` +
          (row[3] === undefined
            ? ''
            : `, (B + plugin)/A = ${(row[3].cpuMsPerEvent / (row[1]?.cpuMsPerEvent ?? 1)).toFixed(3)}x`),
      );
    });
  } finally {
    container.remove();
  }
}

await main();
