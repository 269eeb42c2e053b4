import { relative } from 'node:path';
import { PACKAGE_DIR } from './package-dir.js';
import type { CgroupMode } from './protocol.js';
import { runSpecsInCgroupVm, type SpecVmRun } from './run-specs-in-cgroup-vm.js';

const REPO = `${PACKAGE_DIR}/../..`;

export interface SpecsInVm {
  mode: CgroupMode;
  /** Spec files, absolute. */
  specs: readonly string[];
  timeoutMs: number;
  /** What /init must have reported (the hierarchy it mounted), as a pattern over its lines. */
  init: RegExp;
}

/**
 * One VM boot runs every given spec file; then one test per file says whether all of its tests passed there,
 * and one more that every collected test reported and the run ended. A missing qemu or kernel fails them all.
 */
export function describeSpecsInVm(title: string, options: SpecsInVm): void {
  let run: SpecVmRun | undefined;
  let bootError: unknown;
  const files = options.specs.map((path) => relative(REPO, path));

  beforeAll(async () => {
    try {
      run = await runSpecsInCgroupVm({
        mode: options.mode,
        specs: options.specs,
        timeoutMs: options.timeoutMs,
        memoryMb: 1024,
      });
    } catch (error) {
      bootError = error;
    }
  }, options.timeoutMs + 60_000);

  const vm = (): SpecVmRun => {
    if (bootError) throw bootError;
    if (!run) throw new Error('the VM did not run');
    return run;
  };
  const context = ({ vm: v }: SpecVmRun) =>
    `timed out: ${v.timedOut}, guest exit: ${v.exitCode}, init: ${JSON.stringify(v.init)}\n--- guest console ---\n${v.output}`;

  describe(title, () => {
    it('the guest mounted its hierarchy and ran every spec file to the end', () => {
      const r = vm();
      expect(files.length).toBeGreaterThan(0);
      expect(r.vm.timedOut, context(r)).toBe(false);
      expect(r.vm.malformed, context(r)).toEqual([]);
      expect(r.vm.init.join('\n'), context(r)).toMatch(options.init);
      const reported = new Set(r.results.map((x) => x.name));
      expect(r.collected.length, context(r)).toBeGreaterThan(0);
      expect(
        r.collected.filter((name) => !reported.has(name)),
        context(r),
      ).toEqual([]);
      // The guest exits 0 exactly when every test passed.
      expect(r.vm.exitCode, context(r)).toBe(r.results.every((x) => x.ok) ? 0 : 1);
    });

    it.each(files)('%s passes in the guest', (file) => {
      const r = vm();
      const mine = r.results.filter((x) => x.name.startsWith(`${file} > `));
      expect(mine.length, `no test of ${file} reported\n${context(r)}`).toBeGreaterThan(0);
      const failed = mine.filter((x) => !x.ok).map((x) => `${x.name}\n${x.detail}`);
      expect(failed, failed.join('\n\n')).toEqual([]);
    });
  });
}
