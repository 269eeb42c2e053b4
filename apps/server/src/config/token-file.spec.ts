import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@katamon/core';
import { mountedSecret, waitUntil } from '@katamon/core-testing';
import { TokenFile } from './token-file.js';

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } as Logger;
  return { logger, lines };
}

describe(TokenFile, () => {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-secret-'));
  const secret = mountedSecret(dir, 'token', 'first-token\n');
  const { logger, lines } = recordingLogger();
  const token = new TokenFile(secret.file, 'first-token', logger);
  afterAll(() => {
    token.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the new token after the kubelet swaps ..data', async () => {
    secret.publish('second-token');
    await waitUntil(() => (token.current() === 'second-token' ? true : undefined), { what: 'the rotated token' });
    expect(lines).toContainEqual({ level: 'info', message: 'token file changed; new token in force' });
  });

  it.each([
    ['a token with a space', 'two words', 'holds a token with a space'],
    ['an empty file', '\n', 'is empty'],
  ])('keeps the previous token when the new file holds %s, and says why', async (_what, content, problem) => {
    const before = lines.length;
    secret.publish(content);
    const warned = await waitUntil(
      () => lines.slice(before).find((l) => l.level === 'warn' && l.message.includes(problem)),
      { what: `a warning naming "${problem}"` },
    );
    expect(warned.message).toMatch(/; keeping the previous token$/);
    expect(token.current()).toBe('second-token');
  });

  it('sees a plain file replaced in place too', async () => {
    rmSync(secret.file);
    writeFileSync(secret.file, 'third-token\n');
    await waitUntil(() => (token.current() === 'third-token' ? true : undefined), { what: 'the replaced token' });
  });
});
