import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runInCgroupVm } from './run-in-cgroup-vm.js';

const USAGE = `usage: npm run vm:run -w @katamon/cgroup-vm -- <guest-script.ts> [--mode v2|hybrid] [--disk] [--hugepages N] [--memory MB] [--timeout S] [--quiet]
Boots the cgroup VM (default mode v2), runs the script with the guest's node, prints the console and the reported results.`;

/** Runs one guest script by hand; the exit status is the guest script's (2 when it never finished). */
export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      mode: { type: 'string', default: 'v2' },
      disk: { type: 'boolean', default: false },
      hugepages: { type: 'string', default: '0' },
      memory: { type: 'string', default: '1024' },
      timeout: { type: 'string', default: '300' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [script] = positionals;
  if (values.help || !script) {
    console.error(USAGE);
    return values.help ? 0 : 64;
  }
  if (values.mode !== 'v2' && values.mode !== 'hybrid') {
    console.error(`--mode must be v2 or hybrid, not ${values.mode}\n${USAGE}`);
    return 64;
  }
  const started = performance.now();
  const run = await runInCgroupVm({
    mode: values.mode,
    script: resolve(script),
    disk: values.disk,
    hugepages: Number(values.hugepages),
    memoryMb: Number(values.memory),
    timeoutMs: Number(values.timeout) * 1000,
  });
  if (!values.quiet) console.log(run.output);
  for (const r of run.results) console.log(JSON.stringify(r));
  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.error(
    `guest exit ${run.exitCode ?? '-'}${run.timedOut ? ' (timed out)' : ''}; init: ${run.init.join('; ')}; ` +
      `qemu ${(run.qemuMs / 1000).toFixed(1)} s, total ${total} s`,
  );
  return run.exitCode ?? 2;
}
