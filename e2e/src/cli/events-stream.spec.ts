import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { ensureBundle, KATAMON_BUNDLE, runKatamon, startKatamon, waitForOutput } from './katamon-cli.js';

const INTERVAL_MS = 200;

/** The limits of a runc-schema event. */
interface Limited {
  data: { memory: { usage: { limit: number }; swap: { limit: number } }; pids: { limit: number } };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

describe('katamon events streaming (real runc containers)', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-e2e-stream-'));
  const containers: RuncContainer[] = [];
  let a: RuncContainer;
  let b: RuncContainer;

  beforeAll(async () => {
    ensureBundle();
    [a, b] = (await Promise.all([startRuncContainer({ root }), startRuncContainer({ root })])) as [
      RuncContainer,
      RuncContainer,
    ];
    containers.push(a, b);
  });
  afterAll(async () => {
    await Promise.all(containers.map((c) => c.delete()));
    rmSync(root, { recursive: true, force: true });
  });

  // How evenly ticks land is the scheduler's business, proven with a fake clock in @katamon/core-testing
  // (katamon-stream.prop.spec.ts); a loaded machine delays ticks by any amount. What holds under any load:
  // one event per tick, late ticks dropped and never queued, so never more events than intervals elapsed.
  it('--interval 200ms: an event per tick, never more than the intervals elapsed; SIGTERM ends it (143)', async () => {
    const started = performance.now();
    const run = startKatamon(['--root', root, 'events', a.id, '--interval', '200ms']);
    await waitForOutput(run.stdout, (t) => lines(t).length >= 6, 60_000);
    run.child.kill('SIGTERM');
    const result = await run.result;
    const elapsed = performance.now() - started;
    expect(result.code).toBe(143);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('\n')).toBe(true);
    const events = lines(result.stdout);
    for (const line of events) expect(JSON.parse(line)).toMatchObject({ type: 'stats', id: a.id });
    // The first event comes one interval in, then one per interval at most (slowness only removes events).
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(events.length).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS));
  });

  it('a runc update mid-stream shows in the stream at once (limits are kept until written, not re-read)', async () => {
    const run = startKatamon(['--root', root, 'events', '--schema', 'runc', b.id, '--interval', '100ms']);
    // The write watch is on from the second sample.
    await waitForOutput(run.stdout, (t) => lines(t).length >= 3);
    const update = await b.runc(['update', '--memory', '48M', '--memory-swap', '96M', '--pids-limit', '77', b.id]);
    expect(update.code, update.stderr).toBe(0);
    const seen = lines(run.stdout()).length;
    await waitForOutput(run.stdout, (t) => lines(t).length >= seen + 3);
    run.child.kill('SIGTERM');
    const result = await run.result;
    const runc = await b.runc(['events', '--stats', b.id]);
    expect(runc.code, runc.stderr).toBe(0);
    const want = JSON.parse(runc.stdout) as Limited;
    const limits = (e: Limited) => [e.data.memory.usage.limit, e.data.memory.swap.limit, e.data.pids.limit];
    const events = lines(result.stdout).map((l) => JSON.parse(l) as Limited);
    expect(limits(want)).toEqual([48 * 1024 * 1024, 96 * 1024 * 1024, 77]);
    // Before the update: the old limits; the first event sampled after it has the new ones, and so on.
    expect(limits(events[0] as Limited)).not.toEqual(limits(want));
    const first = events.findIndex((e) => limits(e).join() === limits(want).join());
    expect(first).toBeGreaterThan(0);
    // Lines the test had not read yet when the update returned may have been sampled before it: one at most here.
    expect(first).toBeLessThanOrEqual(seen + 1);
    for (const e of events.slice(first)) expect(limits(e)).toEqual(limits(want));
  });

  it('KATAMON_IO_URING=0 and KATAMON_NATIVE=0 read the same stream without io_uring / without the addon', async () => {
    // The switch exists from Linux 6.6; before, io_uring is always allowed.
    const switchFile = '/proc/sys/kernel/io_uring_disabled';
    const ringAllowed = !existsSync(switchFile) || readFileSync(switchFile, 'utf8').trim() === '0';
    /**
     * What a stream holds once it batches (from its second sample): the addon mapped, and io_uring instances
     * (katamon's one, plus libuv's own from Node 22 on: compared with a run without the addon).
     */
    const streamWith = async (env: NodeJS.ProcessEnv) => {
      const run = startKatamon(['--root', root, 'events', '--schema', 'runc', a.id, '--interval', '50ms'], env);
      await waitForOutput(run.stdout, (t) => lines(t).length >= 4);
      const pid = run.child.pid as number;
      const fds = readdirSync(`/proc/${pid}/fd`).map((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return ''; // closed meanwhile
        }
      });
      const addon = readFileSync(`/proc/${pid}/maps`, 'utf8').includes('katamon_sysfs');
      run.child.kill('SIGTERM');
      const result = await run.result;
      expect(result.code).toBe(143);
      expect(result.stderr).toBe('');
      const events = lines(result.stdout).map((l) => JSON.parse(l) as Limited & { type: string; id: string });
      for (const e of events) expect(e).toMatchObject({ type: 'stats', id: a.id });
      return {
        rings: fds.filter((fd) => fd === 'anon_inode:[io_uring]').length,
        addon,
        pidsLimit: (events.at(-1) as Limited).data.pids.limit,
      };
    };
    const withoutAddon = await streamWith({ KATAMON_NATIVE: '0' });
    expect(withoutAddon.addon).toBe(false);
    const byDefault = await streamWith({});
    expect(byDefault).toEqual({ ...withoutAddon, addon: true, rings: withoutAddon.rings + (ringAllowed ? 1 : 0) });
    expect(await streamWith({ KATAMON_IO_URING: '0' })).toEqual({ ...byDefault, rings: withoutAddon.rings });
  });

  it('the first event comes after one interval, not at once', async () => {
    const interval = 1_500;
    const started = performance.now();
    const run = startKatamon(['--root', root, 'events', '--interval=1.5s', a.id]);
    await waitForOutput(run.stdout, (t) => lines(t).length >= 1);
    const first = performance.now() - started;
    run.child.kill('SIGINT');
    const result = await run.result;
    expect(result.code).toBe(130);
    expect(first / interval).toBeGreaterThanOrEqual(1);
  });

  it('several ids give one interleaved stream with full ids', async () => {
    const run = startKatamon(['--root', root, 'events', '--interval', '200ms', a.id, b.id.slice(0, 12)]);
    await waitForOutput(
      run.stdout,
      (t) => new Set(lines(t).map((l) => (JSON.parse(l) as { id: string }).id)).size === 2,
    );
    run.child.kill('SIGTERM');
    const result = await run.result;
    expect(new Set(lines(result.stdout).map((l) => (JSON.parse(l) as { id: string }).id))).toEqual(
      new Set([a.id, b.id]),
    );
  });

  it('--all streams every running container', async () => {
    const run = startKatamon(['--root', root, 'events', '--all', '--interval', '200ms', '--schema', 'runc']);
    await waitForOutput(
      run.stdout,
      (t) => new Set(lines(t).map((l) => (JSON.parse(l) as { id: string }).id)).size >= 2,
    );
    run.child.kill('SIGTERM');
    expect((await run.result).code).toBe(143);
  });

  it('--all adds a container that starts after the stream began, and reports one that goes away', async () => {
    const run = startKatamon(['--root', root, 'events', '--all', '--interval', '200ms', '--schema', 'runc']);
    const ids = (t: string) => new Set(lines(t).map((l) => (JSON.parse(l) as { id: string }).id));
    await waitForOutput(run.stdout, (t) => ids(t).size >= 2);
    const late = await startRuncContainer({ root });
    try {
      await waitForOutput(run.stdout, (t) => ids(t).has(late.id));
    } finally {
      await late.delete();
    }
    await waitForOutput(run.stderr, (t) => t.includes(`container ${late.id} is gone`));
    run.child.kill('SIGTERM');
    const result = await run.result;
    // The stream outlives the containers that go away: it ends on the signal.
    expect(result.code).toBe(143);
    expect(lines(result.stderr).filter((l) => l.includes('is gone'))).toHaveLength(1);
  });

  it('bash completion offers the ids of running containers after events and top', async () => {
    const complete = async (...words: string[]) => {
      const result = await runKatamon(['--get-yargs-completions', '--root', root, ...words]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      return lines(result.stdout);
    };
    expect(await complete('events', '')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await complete('top', a.id.slice(0, 12))).toEqual([a.id]);
    expect(await complete('events', 'no-such-prefix')).toEqual([]);
    expect(await complete('ev')).toContain('events');
  });

  it('| head -n 2: two whole lines, then katamon exits 0 quietly on the closed pipe', async () => {
    const script = `"${process.execPath}" "${KATAMON_BUNDLE}" --root "${root}" events --interval 200ms ${a.id} | head -n 2; echo "status=\${PIPESTATUS[0]}" >&2`;
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('status=0\n');
    expect(lines(stdout)).toHaveLength(2);
    for (const line of lines(stdout)) expect(JSON.parse(line)).toMatchObject({ type: 'stats' });
  });

  it('a container that goes away ends its stream with a stderr line and exit 0', async () => {
    const doomed = await startRuncContainer({ root });
    const run = startKatamon(['--root', root, 'events', '--interval', '200ms', doomed.id]);
    await waitForOutput(run.stdout, (t) => lines(t).length >= 1);
    await doomed.delete();
    const result = await run.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`container ${doomed.id} is gone \\(stopped or deleted\\): no more events for it`),
    );
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stdout.endsWith('\n')).toBe(true);
  });

  it('prints an oom event when the kernel kills inside the container (8 MiB limit, 32 MiB allocation)', async () => {
    const hungry = await startRuncContainer({
      root,
      memoryLimit: 8 << 20,
      command: ['sh', '-c', 'while :; do sleep 1; dd if=/dev/zero of=/dev/null bs=32M count=1 2>/dev/null; done'],
    });
    containers.push(hungry);
    const run = startKatamon(['--root', root, 'events', '--interval', '1s', hungry.id]);
    await waitForOutput(run.stdout, (t) => t.includes(`{"type":"oom","id":"${hungry.id}"}\n`), 30_000);
    run.child.kill('SIGTERM');
    const result = await run.result;
    expect(result.code).toBe(143);
    expect(lines(result.stdout)).toContain(`{"type":"oom","id":"${hungry.id}"}`);
  });
});
