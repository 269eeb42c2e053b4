import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent } from '@katamon/core';
import { IDLE_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { ensureBundle, runKatamon, startKatamon, waitForOutput } from '../cli/katamon-cli.js';
import { writeHostilePlugins, type HostilePlugins } from './hostile-plugins.js';

interface FullEvent {
  id: string;
  sources: string[];
  issues: { source: string; kind: string; message: string }[];
  data: { cpu: { usage: { total: number } } };
}

// Plugins that attack the host, loaded by the real bundled CLI from files on disk next to a real runc
// container: they can neither forge output nor take the CLI down; their faults are per-source issues.
describe('hostile plugins in the katamon CLI', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const ids = { forgedId: `forged-${suffix}`, onlyId: `plugin-only-${suffix}` };
  const emptyRoot = mkdtempSync(join(tmpdir(), 'katamon-e2e-hostile-root-'));
  let runc: RuncContainer;
  let plugins: HostilePlugins;

  beforeAll(async () => {
    expect(runcAvailable(), 'runc + busybox-static must be installed, as root').toBe(true);
    ensureBundle();
    plugins = writeHostilePlugins(mkdtempSync(join(tmpdir(), 'katamon-e2e-hostile-')), ids);
    runc = await startRuncContainer({ id: `hostile-${suffix}`, command: IDLE_COMMAND });
  }, 180_000);

  afterAll(async () => {
    await runc?.delete();
  });

  it('cannot forge an event: its crafted counters are an issue naming the source and field', async () => {
    const full = await runKatamon([
      '--root',
      runc.root,
      '--plugin',
      plugins.forger,
      'events',
      '--stats',
      '--schema',
      'full',
      runc.id,
    ]);
    expect(full.code).toBe(0);
    expect(full.stdout).not.toContain(ids.forgedId);
    expect(full.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(decodeEvent(full.stdout.trimEnd(), 'full').id).toBe(runc.id);
    const event = JSON.parse(full.stdout) as FullEvent;
    expect(event.id).toBe(runc.id);
    expect(event.data.cpu.usage.total).toBeGreaterThan(0);
    const problem =
      'source katamon-e2e-forger/source returned an invalid result: stats.pids.current: expected a bigint, got string';
    expect(event.issues).toEqual([{ source: 'katamon-e2e-forger/source', kind: 'plugin', message: problem }]);

    // kata-runtime's schema prints nothing for a sample with a failed source: exit 78 (a plugin failed), one line.
    const kata = await runKatamon(['--root', runc.root, '--plugin', plugins.forger, 'events', '--stats', runc.id]);
    expect(kata).toMatchObject({ code: 78, stdout: '' });
    expect(kata.stderr).toBe(`unable to get container stats: katamon-e2e-forger/source: ${problem}\n`);
  });

  it('refuses negative, huge, string and NaN counters: exit 78 with one line naming the source and field, never 70', async () => {
    for (const bad of plugins.badCounters) {
      const result = await runKatamon([
        '--root',
        emptyRoot,
        '--plugin',
        bad.file,
        'events',
        '--stats',
        '--schema',
        'full',
        bad.id,
      ]);
      expect(result, bad.what).toMatchObject({ code: 78, stdout: '', stderr: `${bad.message}\n` });
    }
  });

  it.each([
    [
      'stuck in while(true)',
      () => plugins.spinner,
      'katamon-e2e-spinner',
      /blocked its event loop: no answer for 3000 ms/,
    ],
    ['calling process.exit(0)', () => plugins.exiter, 'katamon-e2e-exiter', /exited with code 0/],
  ])(
    'keeps streaming the other sources while a plugin is %s, and says so on stderr',
    async (_what, plugin, name, reason) => {
      const run = startKatamon([
        '--root',
        runc.root,
        '--plugin',
        plugin(),
        'events',
        '--interval',
        '300ms',
        '--schema',
        'full',
        runc.id,
      ]);
      try {
        await waitForOutput(run.stderr, (text) => text.includes('msg="plugin stopped; restarting"'), 60_000);
        expect(run.stderr()).toMatch(
          new RegExp(`level=error msg="plugin stopped; restarting" plugin=${name} reason="${reason.source}`),
        );
        // Events keep coming after the plugin's worker was stopped: the CLI and its other sources live on.
        const before = run.stdout().split('\n').filter(Boolean).length;
        await waitForOutput(run.stdout, (text) => text.split('\n').filter(Boolean).length >= before + 2, 30_000);
      } finally {
        run.child.kill('SIGTERM');
      }
      const result = await run.result;
      expect(result.code).toBe(143);
      const events = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as FullEvent);
      for (const event of events) {
        expect(event.id).toBe(runc.id);
        expect(event.sources).toContain('cgroup-v1');
        for (const issue of event.issues) expect(issue.source).toBe(`${name}/source`);
      }
    },
  );
});
