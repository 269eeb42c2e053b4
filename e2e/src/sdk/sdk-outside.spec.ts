import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent } from '@katamon/core';
import { packSdkCached, type PackedPackages } from '@katamon/sdk-tools';
import { runVitestJson } from '@katamon/core-testing';
import { ensureBundle, runKatamon, startKatamon, waitForOutput } from '../cli/katamon-cli.js';
import { get } from '../server/http-client.js';
import { bundleServer, startServer, type ServerProcess } from '../server/server-process.js';
import { installSite, outsideDir, outsideEnv, sh, StepTimer, tarball } from './outside-project.js';

/** One field of a logfmt line (`error="…"`), unescaped. */
function logField(line: string, key: string): string {
  const match = new RegExp(`${key}="((?:[^"\\\\]|\\\\.)*)"`).exec(line);
  return match === null ? '' : (JSON.parse(`"${match[1]}"`) as string);
}

// The plugin SDK as a third party meets it: the SDK packed as tarballs, a plugin generated from the template
// into a folder outside the repository, the tarballs installed there (no workspace link), built with tsc,
// tested with vitest, packed, installed, and loaded by package name into the bundled katamon and
// katamon-server. A second generated plugin, broken on purpose, fails its own conformance suite.
describe('a plugin made with the SDK outside the repository', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const kind = `e2e${suffix}`;
  const name = `katamon-plugin-${kind}`;
  const containerId = `sdk-${suffix}`;
  const timer = new StepTimer();
  let packed: PackedPackages;
  let coreVersion: string;
  let work: string;
  let project: string;
  let site: string;
  let config: string;
  /** Only the plugin's settings: the plugin itself is named with --plugin. */
  let settings: string;
  let container: ChildProcess | undefined;
  const servers: ServerProcess[] = [];
  const emptyRoot = outsideDir('katamon-e2e-sdk-root-');

  // What `npm init katamon-plugin <name>` runs once the generator is published.
  const generate = (pluginName: string) =>
    sh(
      'npm',
      [
        'exec',
        '--yes',
        `--package=${tarball(packed, 'create-katamon-plugin')}`,
        '--',
        'create-katamon-plugin',
        pluginName,
      ],
      work,
    );
  const installSdk = (dir: string) =>
    sh(
      'npm',
      ['install', '--save-dev', tarball(packed, '@katamon/core'), tarball(packed, '@katamon/core-testing')],
      dir,
    );
  const vitestOf = (dir: string) => join(dir, 'node_modules', 'vitest', 'vitest.mjs');

  beforeAll(async () => {
    packed = await timer.time('pack the SDK and the example plugin (cached by content)', () => packSdkCached());
    coreVersion = packed['@katamon/core']?.version ?? '';
    work = outsideDir('katamon-e2e-sdk-');
    project = join(work, name);
    await timer.time('generate a plugin (npm exec create-katamon-plugin)', () => generate(name));
    await timer.time('install the SDK tarballs and the toolchain', () => installSdk(project));
  }, 900_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    container?.kill('SIGKILL');
    for (const dir of [work, site, emptyRoot]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`${timer.report('SDK outside the repository')}\n`);
  });

  it('installs @katamon/core and the kit from the tarballs: real folders, no workspace link', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    expect(manifest.peerDependencies).toEqual({ '@katamon/core': `^${coreVersion}` });
    for (const pkg of ['@katamon/core', '@katamon/core-testing']) {
      expect(manifest.devDependencies[pkg], pkg).toMatch(/^file:.*\.tgz$/);
      const dir = join(project, 'node_modules', pkg);
      expect(lstatSync(dir).isSymbolicLink(), `${dir} is a link`).toBe(false);
      expect(existsSync(join(dir, 'LICENSE')), `${pkg} ships its LICENSE`).toBe(true);
      expect(existsSync(join(dir, 'src')), `${pkg} ships no sources`).toBe(false);
    }
  });

  it('type-checks and builds with tsc', { timeout: 300_000 }, async () => {
    await timer.time('tsc: typecheck (sources and tests)', () => sh('npm', ['run', 'typecheck'], project));
    await timer.time('tsc: build', () => sh('npm', ['run', 'build'], project));
    for (const file of ['index.js', 'index.d.ts', 'pid-file-resolver.js', 'process-source.js'])
      expect(existsSync(join(project, 'dist', file)), file).toBe(true);
  });

  it('passes its own conformance suites with vitest', { timeout: 300_000 }, async () => {
    const run = await timer.time('vitest: the conformance suites', () =>
      runVitestJson(project, [], vitestOf(project), 300_000, outsideEnv()),
    );
    const failed = run.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => `${r.title}: ${r.failureMessages.join(' ')}`)).toEqual([]);
    expect(run.code).toBe(0);
    const passed = run.results.filter((r) => r.status === 'passed').map((r) => r.title);
    expect(passed).toEqual(
      expect.arrayContaining([
        'collects a valid partial Stats for every handled ref',
        'fails with kind `gone` for a container that vanished',
        'lists every present container once, as refs katamon accepts',
        'refreshes a container that has gone to undefined (or a stopped ref)',
      ]),
    );
  });

  it('fails a second generated plugin whose source is broken, naming what is wrong', { timeout: 600_000 }, async () => {
    const broken = join(work, `${name}-broken`);
    await timer.time('generate and install the broken plugin', async () => {
      await generate(`${name}-broken`);
      await installSdk(broken);
    });
    const file = join(broken, 'src', 'process-source.ts');
    const good = readFileSync(file, 'utf8');
    // Counters as JavaScript numbers, and a vanished process reported as an I/O error.
    const bad = good
      .replace('cpu.usage.total = BigInt(onCpu);', 'cpu.usage.total = Number(onCpu) as unknown as bigint;')
      .replace("if (code === 'ENOENT' || code === 'ESRCH') {", "if (code === 'ESRCH') {");
    expect(bad.split('\n').filter((line, i) => line !== good.split('\n')[i])).toHaveLength(2);
    writeFileSync(file, bad);
    const run = await timer.time('vitest: the broken plugin', () =>
      runVitestJson(broken, [], vitestOf(broken), 300_000, outsideEnv()),
    );
    expect(run.code).toBe(1);
    const messages = (title: string) =>
      run.results
        .filter((r) => r.title === title && r.status === 'failed')
        .flatMap((r) => r.failureMessages)
        .join('\n');
    expect(messages('collects a valid partial Stats for every handled ref')).toContain(
      'stats.cpu.usage.total: expected a bigint, got number',
    );
    expect(messages('fails with kind `gone` for a container that vanished')).toMatch(/expected 'io' to be 'gone'/);
    // The resolver was not touched: its suite still passes.
    expect(run.results.filter((r) => r.title.startsWith('lists every present') && r.status === 'passed')).toHaveLength(
      1,
    );
  });

  describe('loaded by package name into the bundled apps', () => {
    beforeAll(async () => {
      ensureBundle();
      bundleServer();
      const pluginTarball = (
        await timer.time('npm pack the plugin', () => sh('npm', ['pack', '--ignore-scripts'], project))
      )
        .trim()
        .split('\n')
        .pop() as string;
      site = await timer.time('install the plugin with its peer @katamon/core (npm install, tarballs)', () =>
        installSite('katamon-e2e-sdk-site-', [join(project, pluginTarball), tarball(packed, '@katamon/core')]),
      );
      // The container: a real process, announced by a pid file the way daemons write them.
      const pids = join(work, 'pids');
      mkdirSync(pids);
      container = spawn('sleep', ['3600'], { stdio: 'ignore' });
      writeFileSync(join(pids, `${containerId}.pid`), `${container.pid}\n`);
      config = join(site, 'katamon.json');
      writeFileSync(config, JSON.stringify({ plugins: [name], pluginConfig: { [name]: { dir: pids } } }));
      settings = join(work, 'settings-only.json');
      writeFileSync(settings, JSON.stringify({ pluginConfig: { [name]: { dir: pids } } }));
    }, 600_000);

    it('shows its containers in `katamon list` (plugin named with --plugin, found in the working directory)', async () => {
      const result = await runKatamon(
        ['--root', emptyRoot, '--config', settings, '--plugin', name, 'list', '--format', 'json'],
        {},
        site,
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const rows = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; runtime: string; status: string; pid: number });
      expect(rows).toEqual([
        expect.objectContaining({ id: containerId, runtime: kind, status: 'running', pid: container?.pid }),
      ]);
    });

    it('reports them in `katamon events` (plugin named in the config file, found beside it)', async () => {
      const one = await runKatamon(
        ['--root', emptyRoot, '--config', config, 'events', '--stats', '--schema', 'full', containerId],
        {},
        tmpdir(),
      );
      expect(one.stderr).toBe('');
      expect(one.code).toBe(0);
      const event = decodeEvent(one.stdout.trimEnd(), 'full');
      expect(event).toMatchObject({
        type: 'stats',
        id: containerId,
        sample: { sources: expect.arrayContaining([`${kind}/process`]), issues: [] },
      });
      if (event.type !== 'stats') throw new Error('not a stats event');
      expect(event.data?.cpu?.usage.total).toBeGreaterThan(0n);
      expect(event.data?.memory?.usage.usage).toBeGreaterThan(0n);
      expect(event.data?.pids?.current).toBe(1n);

      const stream = startKatamon(
        ['--root', emptyRoot, '--config', config, 'events', '--interval', '200ms', containerId],
        {},
        tmpdir(),
      );
      try {
        await waitForOutput(stream.stdout, (text) => text.split('\n').filter(Boolean).length >= 2, 30_000);
      } finally {
        stream.child.kill('SIGTERM');
      }
      await stream.result;
      for (const line of stream.stdout().trim().split('\n'))
        expect(decodeEvent(line, 'kata')).toMatchObject({ type: 'stats', id: containerId });
      expect(stream.stderr()).toBe('');
    });

    it('serves them from katamon-server: REST, /metrics, /readyz', async () => {
      const server = await startServer(['--root', emptyRoot, '--config', config], tmpdir());
      servers.push(server);
      const list = await get(server.address, '/v1/containers');
      expect(list.status).toBe(200);
      const listed = list.json as { containers?: { id: string }[] } | { id: string }[];
      expect((Array.isArray(listed) ? listed : (listed.containers ?? [])).map((c) => c.id)).toEqual([containerId]);
      const metrics = await get(server.address, '/metrics');
      expect(metrics.status).toBe(200);
      for (const family of ['container_cpu_usage_seconds_total', 'container_memory_usage_bytes'])
        expect(metrics.text).toMatch(new RegExp(`^${family}\\{[^}]*name="${containerId}"[^}]*\\} [0-9.e+-]+$`, 'm'));
      expect((await get(server.address, '/readyz')).status).toBe(200);
      expect(server.stderr()).not.toMatch(/level=error/);
    });

    it('says in one line what to do with a plugin that is not installed or built for another katamon', async () => {
      // Copies of the installed plugin, as a user would have them from older or newer releases.
      const variant = (suffixName: string, edit: (text: string) => string) => {
        const dir = join(site, 'node_modules', `${name}-${suffixName}`);
        cpSync(join(site, 'node_modules', name), dir, { recursive: true });
        const index = join(dir, 'dist', 'index.js');
        const text = readFileSync(index, 'utf8').replace(`name: '${name}'`, `name: '${name}-${suffixName}'`);
        const edited = edit(text);
        expect(edited, `${suffixName} edit`).not.toBe(text);
        writeFileSync(index, edited);
        return `${name}-${suffixName}`;
      };
      const old = variant('old', (t) => t.replace(`coreRange: '^${coreVersion}'`, "coreRange: '^0.0.1'"));
      const next = variant('next', (t) =>
        t.replace('apiVersion: PLUGIN_API_VERSION', "apiVersion: 'katamon.plugin/v2'"),
      );
      const absent = `katamon-plugin-absent-${suffix}`;
      const plugins = [absent, old, next, name].flatMap((p) => ['--plugin', p]);
      const result = await runKatamon(['--root', emptyRoot, '--config', settings, ...plugins, 'list'], {}, site);
      // The others are refused; the good one still works.
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(containerId);
      const lines = result.stderr.trim().split('\n');
      expect(
        lines.map((l) => [logField(l, 'plugin') || l.match(/plugin=(\S+)/)?.[1], l.match(/code=(\S+)/)?.[1]]),
      ).toEqual([
        [absent, 'KATAMON_PLUGIN_IMPORT'],
        [old, 'KATAMON_PLUGIN_CORE_RANGE'],
        [next, 'KATAMON_PLUGIN_API_VERSION'],
      ]);
      const [notInstalled, tooOld, tooNew] = lines.map((l) => logField(l, 'error'));
      expect(notInstalled).toMatch(
        new RegExp(
          `^plugin "${absent}": is not installed \\(looked in ${site} and its parents, .*\\): run "npm install ${absent}" in ${site}, or name the plugin by its path$`,
        ),
      );
      expect(tooOld).toBe(
        `plugin "${old}": supports @katamon/core ^0.0.1, but this katamon has core ${coreVersion}: install a version of ${old} built for @katamon/core ^${coreVersion}`,
      );
      expect(tooNew).toBe(
        `plugin "${next}": apiVersion "katamon.plugin/v2" is newer than this katamon's "katamon.plugin/v1": upgrade katamon, or install an older version of ${next}`,
      );
    });
  });
});
