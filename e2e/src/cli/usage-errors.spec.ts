import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBundle, runKatamon } from './katamon-cli.js';

// Command lines the bundled CLI refuses: exit 1 (kata-runtime's usage status), one message on stderr,
// nothing on stdout, and the command does not run.
describe('katamon usage errors (bundled CLI)', () => {
  const emptyRoot = mkdtempSync(join(tmpdir(), 'katamon-e2e-usage-root-'));
  const emptyProc = mkdtempSync(join(tmpdir(), 'katamon-e2e-usage-proc-'));
  beforeAll(() => void ensureBundle(), 120_000);

  it.each<[string[], string]>([
    [['list', '--bogus'], 'Unknown argument: bogus'],
    [['top', '--format=yaml'], 'Invalid values: Argument: format, Given: "yaml", Choices: "table", "json"'],
    [['top', '--no-stream=3'], 'invalid boolean value "3" for -no-stream: parse error'],
    [['--bogus', 'events', 'x'], 'Unknown argument: bogus'],
    [['completion', '--bogus'], 'flag provided but not defined: -bogus'],
  ])('%j', async (args, message) => {
    const result = await runKatamon(['--root', emptyRoot, ...args]);
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: `${message}\nRun 'katamon --help' for usage.\n` });
  });

  it('names a missing file of --proc-root in one line with exit 1, not an internal error (70)', async () => {
    const result = await runKatamon(['--root', emptyRoot, '--proc-root', emptyProc, 'top', '--no-stream']);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `cannot read ${emptyProc}/meminfo: no such file (is --proc-root a procfs mount?)\n`,
    });
  });
});
