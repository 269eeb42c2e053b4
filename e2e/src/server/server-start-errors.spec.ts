import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KATAMON_BIN } from '../katamon-dist.js';
import { bundleServer, SERVER_BIN } from './server-process.js';

const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../../../apps/server/package.json', import.meta.url), 'utf8')) as { version: string }
).version;

function runServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_BIN, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // A server that starts anyway never exits by itself: stop it, and the assertions below fail.
  child.stdout.once('data', () => child.kill('SIGTERM'));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// Bad flags, variables, config files and files named by them stop katamon-server before it listens: the
// problem and a pointer to --help on stderr, exit 1, as the CLI's usage errors.
describe('katamon-server start errors (bundled server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-start-errors-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  beforeAll(() => void bundleServer(), 120_000);

  it.each<[string, () => string[], (args: string[]) => string]>([
    [
      'a token with a space (no request could ever authenticate)',
      () => ['--token-file', file('space', 'abc def\n')],
      (a) =>
        `--token-file ${a[1]} holds a token with a space, a control or a non-ASCII character: "Authorization: Bearer <token>" cannot carry it`,
    ],
    ['an empty token file', () => ['--token-file', file('empty', '\n')], (a) => `--token-file ${a[1]} is empty`],
    ['a missing token file', () => ['--token-file', join(dir, 'none')], (a) => `--token-file ${a[1]} does not exist`],
    [
      'a certificate that is not PEM',
      () => ['--tls-cert', file('cert', 'x'), '--tls-key', file('key', 'x')],
      (a) => `--tls-cert ${a[1]} is not a PEM certificate`,
    ],
    ['an unknown flag', () => ['--bogus'], () => "Unknown option '--bogus'"],
    [
      'a config file key no katamon app knows',
      () => ['--config', file('typo.json', '{"prot": 9464}')],
      (a) =>
        `config file ${a[1]}: an unknown top-level key (only "plugins", "pluginConfig" and katamon-server's settings are allowed)`,
    ],
    [
      'a config file value of the wrong type',
      () => ['--config', file('bad-age.json', '{"maxAge": "1s"}')],
      (a) => `config file ${a[1]}: "maxAge" must be an integer in 0..3600000`,
    ],
  ])('refuses %s', async (_what, args, message) => {
    const argv = args();
    const result = await runServer(argv);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${message(argv)}\nRun 'katamon-server --help' for usage.\n`,
    });
  });

  it('refuses a bad environment variable the same way', async () => {
    const result = await runServer([], { KATAMON_MAX_STREAMS: '0' });
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: "KATAMON_MAX_STREAMS must be an integer in 1..1000000\nRun 'katamon-server --help' for usage.\n",
    });
  });

  it('exits as the CLI does on an unknown flag: status 1, the message, the pointer to --help', async () => {
    const server = await runServer(['--bogus']);
    const cli = spawnSync(process.execPath, [KATAMON_BIN, 'list', '--bogus'], { encoding: 'utf8' });
    expect([server.code, server.stdout]).toEqual([cli.status, cli.stdout]);
    const shape = (stderr: string) => stderr.replace(/^.*\n/, '<message>\n').replace(/'katamon(-server)?/, "'<app>");
    expect(shape(server.stderr)).toBe(shape(cli.stderr));
  });

  it('prints its version, the same as the CLI, with --version', async () => {
    const server = spawnSync(process.execPath, [SERVER_BIN, '--version'], { encoding: 'utf8' });
    const cli = spawnSync(process.execPath, [KATAMON_BIN, '--version'], { encoding: 'utf8' });
    expect(server).toMatchObject({ status: 0, stderr: '', stdout: `${SERVER_VERSION}\n` });
    expect(cli.stdout).toBe(server.stdout);
  });
});
