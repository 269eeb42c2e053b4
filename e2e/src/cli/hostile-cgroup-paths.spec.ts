import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { installExamplePlugin, type InstalledExample } from '../plugins/example-plugin.js';
import { HostileStates, lateFifo, MEMORY_FILES, type Planted } from './hostile-states.js';
import { ensureBundle, startKatamon, waitForOutput, type CliResult } from './katamon-cli.js';

/** Long enough for any honest answer on a loaded machine; a reader blocked on a FIFO never answers. */
const HANG_MS = 30_000;

/** Runs the bundled CLI; one that has not exited after HANG_MS is killed and reported as hung. */
async function runWithin(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliResult & { hung: boolean }> {
  const run = startKatamon(args, env);
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    run.child.kill('SIGKILL');
  }, HANG_MS);
  const result = await run.result;
  clearTimeout(timer);
  return { ...result, hung };
}

const every = (what: Planted): Record<string, Planted> => Object.fromEntries(MEMORY_FILES.map((f) => [f, what]));

// The cgroup paths of a state file are untrusted: katamon reads only regular cgroupfs files below the cgroup
// root, never blocks on one, never reads one without bound, and never quotes one. A real runc container runs;
// hostile state files are written next to it (its own state with the cgroup paths rewritten).
describe('katamon with hostile cgroup paths (real runc container, state files next to it)', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  let good: RuncContainer;
  let hostile: HostileStates;
  const files: Record<string, string> = {};
  const dirs: Record<string, string> = {};

  beforeAll(async () => {
    expect(runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static)').toBe(true);
    expect(HostileStates.hybridRoot(), 'a hybrid-cgroup host: /sys/fs/cgroup is a tmpfs (the CI machine)').toBe(true);
    ensureBundle();
    good = await startRuncContainer({ id: `hostile-good-${suffix}` });
    hostile = new HostileStates(good, suffix);
    const secretFiles = every({ text: `${hostile.secretText}\n` });
    const evil = hostile.plant('evil', secretFiles, 'outside');
    dirs['link'] = hostile.plant('link', every({ link: hostile.secret }), 'cgroup-root');
    dirs['fifo'] = hostile.plant('fifo', { ...every('fifo'), 'freezer.state': 'fifo' }, 'cgroup-root');
    dirs['zero'] = hostile.plant(
      'zero',
      { ...every('zero-node'), 'memory.stat': 'zero-link', 'freezer.state': 'zero-link' },
      'cgroup-root',
    );
    files['dotdot'] = hostile.state(`dotdot-${suffix}`, { memory: `/sys/fs/cgroup/memory/../../../..${evil}` });
    files['outside'] = hostile.state(`outside-${suffix}`, { memory: evil });
    files['link'] = hostile.state(`link-${suffix}`, { memory: dirs['link'] });
    files['fifo'] = hostile.state(`fifo-${suffix}`, { memory: dirs['fifo'] });
    files['freezer'] = hostile.state(`freezer-${suffix}`, { freezer: dirs['fifo'] });
    // 16 MiB, the secret first: a reader without a cap reads it all, then quotes the line it cannot parse.
    const huge = `${hostile.secretText}\n${'9'.repeat(16 << 20)}\n`;
    dirs['huge'] = hostile.plant('huge', { ...every({ text: huge }), 'freezer.state': { text: huge } }, 'cgroup-root');
    files['zero'] = hostile.state(`zero-${suffix}`, { memory: dirs['zero'] });
    files['huge'] = hostile.state(`huge-${suffix}`, { memory: dirs['huge'] });
    files['hugefreezer'] = hostile.state(`hugefreezer-${suffix}`, { freezer: dirs['huge'] });
    files['zerofreezer'] = hostile.state(`zerofreezer-${suffix}`, { freezer: dirs['zero'] });
    files['corrupt'] = hostile.state(`corrupt-${suffix}`, {}, `${hostile.secretText}\n`);
  }, 180_000);

  afterAll(async () => {
    hostile?.cleanup();
    await good?.delete();
  });

  const refusedFile = (dir: string, why: string) =>
    new RegExp(`^unable to get container stats: cgroup-v1: memory: refusing ${dir}/memory\\.[a-z_.]+: ${why}\\n$`);

  it.each<[string, () => string[], () => string | RegExp]>([
    [
      "a state.json cgroup path escaping with '..'",
      () => ['events', '--stats', `dotdot-${suffix}`],
      () => `refusing state file ${files['dotdot']}: a cgroup path has a '.' or '..' segment\n`,
    ],
    [
      'a state.json cgroup path outside the cgroup root',
      () => ['events', '--stats', `outside-${suffix}`],
      () => `refusing state file ${files['outside']}: a cgroup path is outside /sys/fs/cgroup\n`,
    ],
    [
      'cgroup files that are links to a file outside',
      () => ['events', '--stats', `link-${suffix}`],
      () => refusedFile(dirs['link'] as string, 'on tmpfs, not cgroup or cgroup2'),
    ],
    [
      'cgroup files that are FIFOs',
      () => ['events', '--stats', `fifo-${suffix}`],
      () => refusedFile(dirs['fifo'] as string, 'on tmpfs, not cgroup or cgroup2'),
    ],
    [
      'a freezer.state that is a FIFO (read to decide the status)',
      () => ['events', '--stats', `freezer-${suffix}`],
      () => `refusing ${dirs['fifo']}/freezer.state: not a regular file\n`,
    ],
    [
      'cgroup files that are /dev/zero (a link and a device node)',
      () => ['events', '--stats', `zero-${suffix}`],
      () => refusedFile(dirs['zero'] as string, 'on tmpfs, not cgroup or cgroup2'),
    ],
    [
      'a freezer.state linked to /dev/zero',
      () => ['events', '--stats', `zerofreezer-${suffix}`],
      () => `refusing ${dirs['zero']}/freezer.state: a symbolic link\n`,
    ],
    [
      'cgroup files of 16 MiB',
      () => ['events', '--stats', `huge-${suffix}`],
      () => refusedFile(dirs['huge'] as string, 'on tmpfs, not cgroup or cgroup2'),
    ],
    [
      'a freezer.state of 16 MiB',
      () => ['events', '--stats', `hugefreezer-${suffix}`],
      () => `${dirs['huge']}/freezer.state is larger than 64 bytes\n`,
    ],
    [
      'a state.json that is not JSON (its text must not be quoted)',
      () => ['events', '--stats', `corrupt-${suffix}`],
      () => `corrupt state file ${files['corrupt']}: not valid JSON\n`,
    ],
  ])('%s: one line on stderr, exit 1, nothing read', async (_name, args, stderr) => {
    const result = await runWithin(['--root', good.root, ...args()]);
    expect(result.hung, `katamon hung: ${result.stderr}`).toBe(false);
    expect(result.stdout).toBe('');
    if (typeof stderr() === 'string') expect(result.stderr).toBe(stderr());
    else expect(result.stderr).toMatch(stderr());
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('katamon-secret');
  });

  it('lists the refused containers as unknown and the others as running, quoting nothing', async () => {
    const result = await runWithin(['--root', good.root, 'list', '--format', 'json']);
    expect(result.hung).toBe(false);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; status: string });
    const status = Object.fromEntries(rows.map((r) => [r.id.replace(`-${suffix}`, ''), r.status]));
    expect(status).toMatchObject({
      dotdot: 'unknown',
      outside: 'unknown',
      freezer: 'unknown',
      hugefreezer: 'unknown',
      zerofreezer: 'unknown',
      corrupt: 'unknown',
    });
    expect(status).toMatchObject({
      'hostile-good': 'running',
      fifo: 'running',
      zero: 'running',
      link: 'running',
      huge: 'running',
    });
    expect(result.stdout + result.stderr).not.toContain('katamon-secret');
  });

  it(
    'streams the good container while the FIFO and /dev/zero ones fail each tick, and stops on SIGTERM',
    async () => {
      const run = startKatamon([
        '--root',
        good.root,
        'events',
        '--interval',
        '200ms',
        good.id,
        `fifo-${suffix}`,
        `zero-${suffix}`,
      ]);
      try {
        // Each tick: one event for the good container, one error line for each hostile one.
        await waitForOutput(run.stdout, (out) => out.split('\n').length > 5, HANG_MS);
        await waitForOutput(run.stderr, (err) => err.split(`fifo-${suffix}`).length > 3, HANG_MS);
        run.child.kill('SIGTERM');
        const result = await run.result;
        expect(result.code).toBe(143);
        const events = result.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { id: string; type: string });
        expect(new Set(events.map((e) => `${e.type} ${e.id}`))).toEqual(new Set([`stats ${good.id}`]));
        const lines = result.stderr.trim().split('\n');
        for (const line of lines)
          expect(line).toMatch(
            /level=error msg=".*refusing .*: on tmpfs, not cgroup or cgroup2" container=(fifo|zero)-/,
          );
        expect(result.stderr).not.toContain('katamon-secret');
      } finally {
        run.child.kill('SIGKILL');
      }
    },
    3 * HANG_MS,
  );

  describe('--config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-config-'));
    const writers: ChildProcess[] = [];
    afterAll(() => {
      for (const w of writers) w.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it.each<[string, () => string, string]>([
      ['a FIFO (no writer is waited for)', () => lateFifo(join(dir, 'fifo.json'), '{}', writers), 'not a regular file'],
      ['/dev/zero', () => '/dev/zero', 'not a regular file'],
      [
        'a file over 1 MiB',
        () => {
          const big = join(dir, 'big.json');
          writeFileSync(big, `{"pluginConfig":{"x":{"pad":"${'x'.repeat(1 << 20)}"}}}`);
          return big;
        },
        'larger than 1048576 bytes',
      ],
      [
        'a file that is not JSON (a secret)',
        () => {
          const secret = join(dir, 'shadow');
          writeFileSync(secret, `root:$6$katamon-secret-${suffix}:19000:0:99999:7:::\n`);
          return secret;
        },
        'not valid JSON',
      ],
    ])('%s: one line, exit 1', async (_name, make, why) => {
      const file = make();
      const result = await runWithin(['--config', file, '--root', good.root, 'list']);
      expect(result.hung, 'katamon hung on its config file').toBe(false);
      expect(result.stderr).toBe(`config file ${file}: ${why}\n`);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
    });
  });

  describe('a json-file plugin entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-json-'));
    let example: InstalledExample;
    beforeAll(async () => {
      example = await installExamplePlugin();
    }, 600_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each<[string, () => unknown, string]>([
      [
        'outside the cgroup root',
        () => ({ memory: join(hostile.outside, 'evil') }),
        'containers[0].cgroup.memory must be below /sys/fs/cgroup',
      ],
      [
        "escaping with '..'",
        () => `/sys/fs/cgroup/../..${hostile.outside}/evil`,
        "containers[0].cgroup must be an absolute path without '..'",
      ],
    ])('%s: refused with one line naming the file, exit 1', async (_name, cgroup, why) => {
      const file = join(dir, `containers-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify({ containers: [{ id: `json-${suffix}`, pid: good.pid, cgroup: cgroup() }] }));
      const result = await runWithin(
        ['--root', good.root, '--plugin', example.path, 'events', '--stats', `json-${suffix}`],
        { KATAMON_JSON_CONTAINERS: file },
      );
      expect(result.hung).toBe(false);
      expect(result.stderr).toBe(`${file}: ${why}\n`);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
    });

    it('a containers file that is a FIFO: refused at once', async () => {
      const fifo = join(dir, 'containers-fifo.json');
      execFileSync('mkfifo', [fifo]);
      const result = await runWithin(
        ['--root', good.root, '--plugin', example.path, 'events', '--stats', `json-${suffix}`],
        {
          KATAMON_JSON_CONTAINERS: fifo,
        },
      );
      expect(result.hung, 'katamon hung on the containers file').toBe(false);
      expect(result.stderr).toBe(`${fifo}: not a regular file\n`);
      expect(result.code).toBe(1);
    });
  });
});
