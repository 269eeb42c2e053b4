import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { ensureBundle, runKatamon } from './katamon-cli.js';

// Every error path of the CLI, black box: exact stderr, exit status, nothing on stdout.
describe('katamon error paths (real runc containers)', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-e2e-errors-'));
  const suffix = Math.random().toString(36).slice(2, 8);
  const running = `katamon-e2e-err-${suffix}`;
  const stopped = `katamon-e2e-stopped-${suffix}`;
  const amb = `katamon-e2e-amb-${suffix}`;
  const containers: RuncContainer[] = [];

  beforeAll(async () => {
    ensureBundle();
    containers.push(
      ...(await Promise.all([running, stopped, `${amb}-a`, `${amb}-b`].map((id) => startRuncContainer({ id, root })))),
    );
    await containers[1]?.kill('KILL');
  });

  afterAll(async () => {
    await Promise.all(containers.map((c) => c.delete()));
    rmSync(root, { recursive: true, force: true });
  });

  const cases: [string, () => string[], string | RegExp, number][] = [
    ['no id', () => ['events'], 'container id cannot be empty\n', 1],
    ['no id with --stats', () => ['events', '--stats'], 'container id cannot be empty\n', 1],
    ['zero interval', () => ['events', '--interval', '0', running], 'duration interval must be greater than 0\n', 1],
    [
      'negative interval, checked with --stats',
      () => ['events', '--stats', '-interval=-1s', running],
      'duration interval must be greater than 0\n',
      1,
    ],
    [
      'unparsable interval',
      () => ['events', '--interval', 'abc', running],
      'invalid value "abc" for flag -interval: time: invalid duration "abc"\n',
      1,
    ],
    [
      'interval without unit',
      () => ['events', running, '--interval', '5'],
      'invalid value "5" for flag -interval: time: missing unit in duration "5"\n',
      1,
    ],
    [
      'unknown unit',
      () => ['events', '--interval=1d', running],
      'invalid value "1d" for flag -interval: time: unknown unit "d" in duration "1d"\n',
      1,
    ],
    ['unknown flag', () => ['events', '--bogus', running], 'flag provided but not defined: -bogus\n', 1],
    ['flag without its value', () => ['events', running, '--interval'], 'flag needs an argument: -interval\n', 1],
    [
      'unknown schema',
      () => ['events', '--schema', 'xml', running],
      'invalid value "xml" for flag -schema: must be one of kata, runc, full\n',
      1,
    ],
    ['ids with --all', () => ['events', '--all', running], '--all cannot be combined with container ids\n', 1],
    ['not found', () => ['events', `nosuch-${suffix}`], `Container ID (nosuch-${suffix}) does not exist\n`, 1],
    [
      'not found with --stats',
      () => ['events', '--stats', `nosuch-${suffix}`],
      `Container ID (nosuch-${suffix}) does not exist\n`,
      1,
    ],
    ['not running', () => ['events', '--stats', stopped], `Container ID (${stopped}) does not exist\n`, 1],
    [
      'not running, typed as a prefix',
      () => ['events', stopped.slice(0, -2)],
      `Container ID (${stopped.slice(0, -2)}) does not exist\n`,
      1,
    ],
    ['ambiguous prefix', () => ['events', '--stats', amb], `multiple containers found (${amb})\n`, 1],
    [
      'second id not found',
      () => ['events', running, `nosuch-${suffix}`],
      `Container ID (nosuch-${suffix}) does not exist\n`,
      1,
    ],
    ['bad id characters', () => ['events', '--stats', 'a/../b'], 'invalid container ID format\n', 1],
    [
      'bad log level',
      () => ['--log-level', 'loud', 'events', running],
      'invalid value "loud" for flag -log-level: must be one of debug, info, warn, error\n',
      1,
    ],
    [
      'top of a missing container',
      () => ['top', '--no-stream', `nosuch-${suffix}`],
      `Container ID (nosuch-${suffix}) does not exist\n`,
      1,
    ],
    ['unknown command', () => ['frobnicate'], "Unknown argument: frobnicate\nRun 'katamon --help' for usage.\n", 1],
  ];

  it.each(cases)('%s', async (_name, args, stderr, code) => {
    const result = await runKatamon(['--root', root, ...args()]);
    expect({ stdout: result.stdout, code: result.code }).toEqual({ stdout: '', code });
    if (typeof stderr === 'string') expect(result.stderr).toBe(stderr);
    else expect(result.stderr).toMatch(stderr);
  });

  it('reports errors as one JSON log line with --log-format json', async () => {
    const result = await runKatamon(['--root', root, '--log-format', 'json', 'events', `nosuch-${suffix}`]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toMatchObject({
      level: 'error',
      msg: `Container ID (nosuch-${suffix}) does not exist`,
    });
  });

  it('takes roots from the environment as well (KATAMON_ROOT)', async () => {
    const result = await runKatamon(['events', '--stats', running], { KATAMON_ROOT: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'stats', id: running });
  });
});
