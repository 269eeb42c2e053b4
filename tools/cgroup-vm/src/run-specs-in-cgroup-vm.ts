import { join, relative } from 'node:path';
import type { CollectedReport } from './guest/spec-runner/run-spec-files.js';
import { renderSpecEntry } from './guest/spec-runner/spec-entry.js';
import { PACKAGE_DIR } from './package-dir.js';
import type { CgroupMode, CheckResult } from './protocol.js';
import { runInCgroupVm, type CgroupVmOptions, type CgroupVmRun } from './run-in-cgroup-vm.js';

const RUNNER_DIR = join(PACKAGE_DIR, 'src/guest/spec-runner');
const REPO_ROOT = join(PACKAGE_DIR, '../..');

export interface SpecVmOptions extends Omit<CgroupVmOptions, 'script' | 'alias'> {
  mode: CgroupMode;
  /** Spec files (absolute paths), run in this order, each as vitest would run it. */
  specs: readonly string[];
}

export interface SpecVmRun {
  vm: CgroupVmRun;
  /** Every test the guest collected, "file > describe > test" with the file relative to the repository. */
  collected: string[];
  /** One result per test that ran (and per failed hook or file). */
  results: CheckResult[];
}

/**
 * Runs unchanged vitest spec files inside the cgroup VM: they are bundled with a small runner standing in for
 * vitest (globals and `import … from 'vitest'`), so a kernel suite written for the host runs in the guest
 * against the guest's hierarchy and reports one result per test.
 */
export async function runSpecsInCgroupVm(options: SpecVmOptions): Promise<SpecVmRun> {
  const { specs, ...vm } = options;
  const entry = renderSpecEntry(
    RUNNER_DIR,
    specs.map((path) => ({ name: relative(REPO_ROOT, path), path })),
  );
  const run = await runInCgroupVm({
    ...vm,
    script: { contents: entry, resolveDir: RUNNER_DIR, name: 'spec-entry.ts' },
    alias: { vitest: `${RUNNER_DIR}/spec-api.ts` },
  });
  const collected = (run.results.find((r) => (r as CollectedReport).collected !== undefined) as CollectedReport)
    ?.collected;
  const results = run.results.filter((r): r is CheckResult => typeof (r as CheckResult).name === 'string');
  return { vm: run, collected: collected ?? [], results };
}
