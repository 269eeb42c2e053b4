import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent } from '@katamon/core';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { ensureBundle, runKatamon, startKatamon, waitForOutput } from '../cli/katamon-cli.js';
import {
  describeContainers,
  EXAMPLE_PLUGIN_NAME,
  installExamplePlugin,
  writeFaultyPlugins,
  type DescribedContainers,
  type InstalledExample,
} from './example-plugin.js';

// Third-party plugins through the real bundled CLI: the example plugin, installed from its tarball outside the
// repository, loaded by path and by package name; broken plugins reported without taking anything down,
// misbehaving sources isolated at run time.
describe('plugins in the katamon CLI', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const ids = {
    cgroupId: `plug-cg-${suffix}`,
    processId: `plug-proc-${suffix}`,
  };
  let runc: RuncContainer;
  let described: DescribedContainers;
  let example: InstalledExample;
  const emptyRoot = mkdtempSync(join(tmpdir(), 'katamon-e2e-plugin-root-'));

  beforeAll(async () => {
    expect(runcAvailable(), 'runc + busybox-static must be installed, as root').toBe(true);
    ensureBundle();
    example = await installExamplePlugin();
    runc = await startRuncContainer({
      id: `plug-runc-${suffix}`,
      command: BUSY_COMMAND,
    });
    described = describeContainers(runc, ids);
  }, 180_000);

  afterAll(async () => {
    described?.stop();
    await runc?.delete();
  });

  const env = () => ({ KATAMON_JSON_CONTAINERS: described.file });

  it.each([
    ['by path', () => example.path],
    ['by package name, installed in the working directory', () => EXAMPLE_PLUGIN_NAME],
  ])('makes described containers visible to `list` (%s)', async (_how, plugin) => {
    const result = await runKatamon(
      ['--root', emptyRoot, '--plugin', plugin(), 'list', '--format', 'json'],
      env(),
      example.site,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; runtime: string; status: string });
    expect(rows.map((r) => [r.id, r.runtime, r.status]).sort()).toEqual(
      [
        [ids.cgroupId, 'podman', 'running'],
        [ids.processId, 'process', 'running'],
      ].sort(),
    );
  });

  it('gives `events --stats` for a described cgroup (built-in cgroup source) and a bare process (the plugin source)', async () => {
    for (const [id, check] of [
      [
        ids.cgroupId.slice(0, -2),
        (e: ReturnType<typeof decodeEvent>) => e.type === 'stats' && (e.data?.pids?.current ?? 0n) >= 1n,
      ],
      [
        ids.processId,
        (e: ReturnType<typeof decodeEvent>) => e.type === 'stats' && (e.data?.cpu?.usage.total ?? 0n) > 0n,
      ],
    ] as const) {
      const result = await runKatamon(['--root', emptyRoot, '--plugin', example.path, 'events', '--stats', id], env());
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const event = decodeEvent(result.stdout.trimEnd(), 'kata');
      expect(event.id).toBe(id === ids.processId ? ids.processId : ids.cgroupId);
      expect(check(event)).toBe(true);
    }
  });

  it('reads the plugin list and its settings from a config file (KATAMON_CONFIG), installed beside it', async () => {
    const config = join(example.site, 'katamon-cli.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      config,
      JSON.stringify({
        plugins: [EXAMPLE_PLUGIN_NAME],
        pluginConfig: { [EXAMPLE_PLUGIN_NAME]: { file: described.file } },
      }),
    );
    const result = await runKatamon(
      ['--root', emptyRoot, 'events', '--stats', '--schema', 'full', ids.processId],
      { KATAMON_CONFIG: config },
      // Run elsewhere: the plugin is found beside the config file.
      tmpdir(),
    );
    expect(result.stderr).toBe('');
    expect(decodeEvent(result.stdout.trimEnd(), 'full')).toMatchObject({
      type: 'stats',
      id: ids.processId,
    });
  });

  it('reports a plugin that cannot be imported on stderr, naming it and its code, and keeps the built-ins working', async () => {
    const result = await runKatamon([
      '--root',
      runc.root,
      '--plugin',
      './no-such-plugin.mjs',
      'events',
      '--stats',
      runc.id,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /level=error msg="plugin not loaded" plugin=\.\/no-such-plugin\.mjs code=KATAMON_PLUGIN_IMPORT/,
    );
    expect(decodeEvent(result.stdout.trimEnd(), 'kata')).toMatchObject({
      type: 'stats',
      id: runc.id,
    });
  });

  it('keeps streaming with the other sources while a plugin source hangs past its deadline or throws', async () => {
    const faulty = writeFaultyPlugins(mkdtempSync(join(tmpdir(), 'katamon-e2e-faulty-')));
    const run = startKatamon([
      '--root',
      runc.root,
      '--plugin',
      faulty.hangs,
      '--plugin',
      faulty.throws,
      'events',
      '--interval',
      '500ms',
      '--schema',
      'full',
      runc.id,
    ]);
    try {
      await waitForOutput(run.stdout, (text) => text.split('\n').filter(Boolean).length >= 2, 30_000);
    } finally {
      run.child.kill('SIGTERM');
    }
    await run.result;
    const events = run
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    for (const event of events.slice(0, 2)) {
      expect(event.data.cpu.usage.total).toBeGreaterThan(0);
      expect(event.sources).toContain(described.cgroupSource);
      const issues = Object.fromEntries(event.issues.map((i: { source: string; kind: string }) => [i.source, i.kind]));
      expect(issues).toEqual({
        'katamon-e2e-hangs/source': 'timeout',
        'katamon-e2e-throws/source': 'io',
      });
    }
  });
});
