import { fileURLToPath } from 'node:url';
import { runInCgroupVm } from './run-in-cgroup-vm.js';

const guest = (name: string) => fileURLToPath(new URL(`./test-guests/${name}`, import.meta.url));

describe(runInCgroupVm, () => {
  it('returns what the guest script reported and its exit status', async () => {
    const run = await runInCgroupVm({
      mode: 'v2',
      script: guest('exit-with-status.ts'),
      timeoutMs: 300_000,
      memoryMb: 512,
    });
    expect(run.timedOut, run.output).toBe(false);
    expect(run.exitCode, run.output).toBe(3);
    expect(run.results).toEqual([
      { name: 'first', ok: true, detail: 'a "quoted" detail with \\ and ünïcode' },
      { name: 'second', ok: false, detail: 'b' },
    ]);
    expect(
      run.init.some((l) => l.startsWith('subtree_control ')),
      run.output,
    ).toBe(true);
  }, 330_000);

  it('kills QEMU when the guest does not finish in time', async () => {
    // Whether the guest is still booting or already in the endless script when time is up, QEMU must go.
    const run = await runInCgroupVm({ mode: 'v2', script: guest('hang.ts'), timeoutMs: 6_000, memoryMb: 512 });
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).toBeNull();
  }, 60_000);

  it('powers the guest off by itself when its watchdog fires first', async () => {
    const run = await runInCgroupVm({
      mode: 'v2',
      script: guest('hang.ts'),
      timeoutMs: 300_000,
      memoryMb: 512,
      guestWatchdogSeconds: 5,
    });
    expect(run.timedOut, run.output).toBe(false);
    expect(run.init, run.output).toContain('watchdog: powering off');
    expect(run.exitCode).toBeNull();
  }, 330_000);
});
