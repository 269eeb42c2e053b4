import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from './read-regular-file.js';
import { SysfsError } from './sysfs-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'katamon-regular-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function failure(path: string, options: Parameters<typeof readRegularFile>[1]): SysfsError {
  try {
    readRegularFile(path, options);
  } catch (error) {
    if (SysfsError.is(error)) return error;
    throw error;
  }
  throw new Error(`${path} was read`);
}

describe(readRegularFile, () => {
  it('reads a regular file whole, however its size compares with the first chunk, up to the cap', () => {
    for (const size of [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000]) {
      const file = join(dir, `f${size}`);
      writeFileSync(file, 'k'.repeat(size));
      expect(readRegularFile(file, { maxBytes: 100_000 }).toString()).toBe('k'.repeat(size));
    }
    writeFileSync(join(dir, 'over'), 'k'.repeat(100_001));
    expect(failure(join(dir, 'over'), { maxBytes: 100_000 })).toMatchObject({
      kind: 'io',
      errno: 'EFBIG',
      detail: 'larger than 100000 bytes',
    });
  });

  it('refuses a FIFO at once (no writer is waited for), /dev/zero and a directory', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `sleep 2; echo late > '${fifo}'`], { stdio: 'ignore' });
    try {
      for (const path of [fifo, '/dev/zero', dir])
        expect(failure(path, { maxBytes: 1024 })).toMatchObject({
          kind: 'permission-denied',
          message: `refusing ${path}: not a regular file`,
        });
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('follows a link unless told not to', () => {
    writeFileSync(join(dir, 'target'), 'x');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    expect(readRegularFile(join(dir, 'link'), { maxBytes: 10 }).toString()).toBe('x');
    expect(failure(join(dir, 'link'), { maxBytes: 10, noFollow: true }).detail).toBe('a symbolic link');
    expect(failure(join(dir, 'missing'), { maxBytes: 10 })).toMatchObject({ kind: 'not-found', detail: 'ENOENT' });
  });
});
