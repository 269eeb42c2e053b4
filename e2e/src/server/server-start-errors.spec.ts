import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleServer, SERVER_BIN } from './server-process.js';

function runServer(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // A server that starts anyway never exits by itself: stop it, and the assertions below fail.
  child.stdout.once('data', () => child.kill('SIGTERM'));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// Bad files named by flags stop katamon-server before it listens: one line naming flag and file, exit 2.
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
  ])('refuses %s', async (_what, args, message) => {
    const argv = args();
    const result = await runServer(argv);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `katamon-server: ${message(argv)}\nRun 'katamon-server --help' for usage.\n`,
    });
  });
});
