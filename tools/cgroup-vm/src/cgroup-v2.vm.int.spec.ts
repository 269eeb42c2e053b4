import { fileURLToPath } from 'node:url';
import { CGROUP_V2_CHECKS } from './guest/cgroup-v2-check-list.js';
import type { CheckResult } from './protocol.js';
import { runInCgroupVm, type CgroupVmRun } from './run-in-cgroup-vm.js';

// One VM boot runs every check (TCG boot ≈ 8 s, checks ≈ 20 s on an idle runner, several times that
// when other test projects share the two cores); each check is then one test here.
const VM_TIMEOUT_MS = 420_000;

let run: CgroupVmRun | undefined;
let bootError: unknown;

beforeAll(async () => {
  try {
    run = await runInCgroupVm({
      mode: 'v2',
      script: fileURLToPath(new URL('./guest/cgroup-v2-checks.ts', import.meta.url)),
      timeoutMs: VM_TIMEOUT_MS,
      memoryMb: 1024,
      disk: true,
      hugepages: 16,
    });
  } catch (error) {
    // Missing qemu or kernel: every test fails with this, none is skipped.
    bootError = error;
  }
}, VM_TIMEOUT_MS + 60_000);

function vm(): CgroupVmRun {
  if (bootError) throw bootError;
  if (!run) throw new Error('the VM did not run');
  return run;
}

function context(r: CgroupVmRun): string {
  return `timed out: ${r.timedOut}, guest exit: ${r.exitCode}, init: ${JSON.stringify(r.init)}\n--- guest console ---\n${r.output}`;
}

describe('cgroup v2 on a real kernel (QEMU TCG)', () => {
  it('the guest ran the checks to the end', () => {
    const r = vm();
    expect(r.timedOut, context(r)).toBe(false);
    expect(r.malformed, context(r)).toEqual([]);
    // The guest entry exits 0 exactly when every check passed.
    const allOk = CGROUP_V2_CHECKS.every((c) => (r.results as CheckResult[]).some((x) => x.name === c.name && x.ok));
    expect(r.exitCode, context(r)).toBe(allOk ? 0 : 1);
  });

  it.each(CGROUP_V2_CHECKS.map((c) => c.name))('%s', (name) => {
    const r = vm();
    const result = (r.results as CheckResult[]).find((x) => x.name === name);
    expect(result, `no result for "${name}"\n${context(r)}`).toBeDefined();
    expect(result?.ok, `${result?.detail}\n${context(r)}`).toBe(true);
  });
});
