import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeTar, tarPath } from './tar-archive.js';

describe('encodeTar', () => {
  const longDir = 'a'.repeat(120) + '/' + 'b'.repeat(120);
  const entries = [
    { kind: 'dir' as const, path: 'bin', mode: 0o755 },
    { kind: 'file' as const, path: 'bin/tool', data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o4755 },
    { kind: 'symlink' as const, path: 'bin/alias', target: 'tool' },
    { kind: 'dir' as const, path: 'tmp', mode: 0o1777 },
    { kind: 'file' as const, path: `${longDir}/${'c'.repeat(150)}.txt`, data: Buffer.from('deep') },
    { kind: 'symlink' as const, path: 'far', target: '/' + 'x'.repeat(200) },
  ];

  it('is read back by GNU tar with modes, links and paths longer than ustar holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-tar-'));
    try {
      writeFileSync(join(dir, 'a.tar'), Buffer.concat(encodeTar(entries)));
      execFileSync('tar', ['-xpf', 'a.tar', '-C', dir, '--no-same-owner'], { cwd: dir });
      expect(lstatSync(join(dir, 'bin/tool')).mode & 0o7777).toBe(0o4755);
      expect(lstatSync(join(dir, 'tmp')).mode & 0o7777).toBe(0o1777);
      expect(readlinkSync(join(dir, 'bin/alias'))).toBe('tool');
      expect(readlinkSync(join(dir, 'far'))).toBe('/' + 'x'.repeat(200));
      expect(readFileSync(join(dir, longDir, 'c'.repeat(150) + '.txt'), 'utf8')).toBe('deep');
      const listing = execFileSync('tar', ['-tvf', join(dir, 'a.tar')], { encoding: 'utf8' });
      expect(listing).toMatch(/^-rwsr-xr-x 0\/0 +18 1970-01-01 00:00 bin\/tool$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the same bytes for the same entries', () => {
    expect(Buffer.concat(encodeTar(entries)).equals(Buffer.concat(encodeTar(entries)))).toBe(true);
  });

  it('refuses paths that escape or are empty', () => {
    for (const bad of ['', '/', '../etc', 'a/../b', 'a//b', './a']) expect(() => tarPath(bad)).toThrow(RangeError);
    expect(tarPath('/bin/sh/')).toBe('bin/sh');
  });
});
