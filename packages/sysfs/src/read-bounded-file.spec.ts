import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathWithinRoot, readBoundedFile } from './read-bounded-file.js';

describe('bounded reads of untrusted files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'katamon-bounded-'));
    await mkdir(join(dir, 'root', 'sub'), { recursive: true });
    await writeFile(join(dir, 'root', 'sub', 'ok.json'), '{"a":"é"}');
    await writeFile(join(dir, 'root', 'sub', 'big'), Buffer.alloc(4097, 0x61));
    await writeFile(join(dir, 'root', 'sub', 'bad-utf8'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await writeFile(join(dir, 'secret'), 'shadow');
    await symlink(join(dir, 'secret'), join(dir, 'root', 'sub', 'link'));
    await symlink(dir, join(dir, 'root', 'out'));
    execFileSync('mkfifo', [join(dir, 'root', 'sub', 'fifo')]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const read = (name: string, maxBytes = 4096) =>
    readBoundedFile(join(dir, 'root', 'sub', name), { maxBytes, what: 'test file', strictUtf8: true });

  it('reads a small file, and says undefined for a missing one', () => {
    expect(read('ok.json')).toBe('{"a":"é"}');
    expect(read('missing')).toBeUndefined();
    expect(readBoundedFile(join(dir, 'root', 'sub', 'ok.json', 'x'), { maxBytes: 10, what: 'f' })).toBeUndefined();
  });

  it('refuses a symlink, a FIFO (without hanging), a file over the bound and invalid UTF-8, naming the file', () => {
    expect(() => read('link')).toThrow(
      expect.objectContaining({
        kind: 'permission-denied',
        message: `refusing symlinked test file ${join(dir, 'root', 'sub', 'link')}`,
      }),
    );
    expect(() => read('fifo')).toThrow(
      expect.objectContaining({ kind: 'parse', message: expect.stringMatching(/fifo is not a regular file$/) }),
    );
    expect(() => read('big')).toThrow(
      expect.objectContaining({ kind: 'parse', message: expect.stringMatching(/big is larger than 4096 bytes$/) }),
    );
    expect(() => read('bad-utf8')).toThrow(
      expect.objectContaining({ kind: 'parse', message: expect.stringMatching(/bad-utf8 is not valid UTF-8$/) }),
    );
    expect(readBoundedFile(join(dir, 'root', 'sub', 'bad-utf8'), { maxBytes: 10, what: 'f' })).toBe('{\ufffd\ufffd}');
  });

  it('finds paths inside a root and refuses a directory on the way that leads out', () => {
    const root = join(dir, 'root');
    expect(pathWithinRoot(root, 'sub/ok.json')).toBe(join(root, 'sub', 'ok.json'));
    expect(pathWithinRoot(root, 'nope/ok.json')).toBeUndefined();
    expect(() => pathWithinRoot(root, 'out/secret')).toThrow(expect.objectContaining({ kind: 'permission-denied' }));
    expect(() => pathWithinRoot(root, '../secret')).toThrow(/leads outside/);
    // A root reached through a symlink is fine: only what lies below it is checked.
    expect(pathWithinRoot(join(root, 'out', 'root'), 'sub/ok.json')).toBe(join(root, 'out', 'root', 'sub', 'ok.json'));
  });
});
