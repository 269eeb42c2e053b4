import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServerArgs } from './server-args.js';
import { readStartFiles } from './read-start-files.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-start-files-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const tls = join(import.meta.dirname, '..', '..', '..', '..', 'e2e', 'src', 'server', 'tls');
const start = (...argv: string[]) => readStartFiles(parseServerArgs(argv));

describe(readStartFiles, () => {
  it('takes a token (trimmed) and a PEM certificate and key', () => {
    const files = start(
      '--token-file',
      file('ok', ' s3cr3t-token_~+/=\n'),
      '--tls-cert',
      join(tls, 'cert.pem'),
      '--tls-key',
      join(tls, 'key.pem'),
    );
    expect(files.token).toBe('s3cr3t-token_~+/=');
    expect(files.tls?.cert).toEqual(readFileSync(join(tls, 'cert.pem')));
  });

  it.each([
    ['a token with a space', 'abc def\n', 'holds a token with a space, a control or a non-ASCII character'],
    ['a token with a tab', 'abc\tdef', 'holds a token with a space, a control or a non-ASCII character'],
    ['a non-ASCII token', 'pässword', 'holds a token with a space, a control or a non-ASCII character'],
    ['an empty file', ' \n', 'is empty'],
    ['a token of 5000 characters', 'x'.repeat(5000), 'holds more than 4096 characters'],
  ])('refuses %s with one line naming the flag and the file (usage)', (_what, content, problem) => {
    const path = file(`t${Math.random()}`, content);
    expect(() => start('--token-file', path)).toThrow(
      expect.objectContaining({
        kind: 'invalid-argument',
        message: expect.stringMatching(`^--token-file ${path} ${problem}`),
      }),
    );
  });

  it('names a missing file and a file that is not PEM', () => {
    expect(() => start('--token-file', join(dir, 'none'))).toThrow(`--token-file ${dir}/none does not exist`);
    const junk = file('junk.pem', 'not pem');
    expect(() => start('--tls-cert', junk, '--tls-key', join(tls, 'key.pem'))).toThrow(
      `--tls-cert ${junk} is not a PEM certificate`,
    );
    expect(() => start('--tls-cert', join(tls, 'cert.pem'), '--tls-key', junk)).toThrow(
      `--tls-key ${junk} is not a PEM private key`,
    );
  });
});
