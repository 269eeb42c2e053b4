import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { archivePath, encodeNewc, parentDirs } from './newc-archive.js';
import { LayerBuilder } from './layer-builder.js';

/** Extracts with GNU cpio, the reference reader of the format. */
function extract(chunks: Uint8Array[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'newc-spec-'));
  execFileSync('cpio', ['-idm', '--quiet', '--no-absolute-filenames'], { cwd: dir, input: Buffer.concat(chunks) });
  return dir;
}

function list(chunks: Uint8Array[]): string[] {
  return execFileSync('cpio', ['-t', '--quiet'], { input: Buffer.concat(chunks), encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

describe('encodeNewc', () => {
  it('writes files, modes, directories and symlinks that cpio extracts as written', () => {
    const archive = new LayerBuilder()
      .file('/init', Buffer.from('#!/bin/sh\n'), 0o755)
      .file('/usr/lib/x86_64-linux-gnu/libc.so.6', Buffer.from([0, 1, 2]))
      .symlink('/bin/sh', '/bin/busybox')
      .dir('/proc')
      .encode();
    const dir = extract(archive);
    try {
      expect(readFileSync(join(dir, 'init'), 'utf8')).toBe('#!/bin/sh\n');
      expect(lstatSync(join(dir, 'init')).mode & 0o777).toBe(0o755);
      expect([...readFileSync(join(dir, 'usr/lib/x86_64-linux-gnu/libc.so.6'))]).toEqual([0, 1, 2]);
      expect(readlinkSync(join(dir, 'bin/sh'))).toBe('/bin/busybox');
      expect(lstatSync(join(dir, 'proc')).isDirectory()).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends with the trailer cpio stops at, so concatenated archives stay separable', () => {
    const text = Buffer.concat(encodeNewc([])).toString('latin1');
    expect(text.startsWith('070701')).toBe(true);
    expect(text).toContain('TRAILER!!!\0');
    expect(text.length % 4).toBe(0);
  });

  const segment = fc.stringMatching(/^[a-z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
  const content = fc.uint8Array({ maxLength: 70 });

  test.prop(
    [
      fc.uniqueArray(
        fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join('/')),
        { maxLength: 8 },
      ),
      content,
    ],
    {
      numRuns: 30,
    },
  )('every file of any layer is listed by cpio, parents first, whatever its name and size pad to', (paths, data) => {
    const layer = new LayerBuilder();
    // A path that is a prefix of another would be a file and a directory at once: keep only leaves.
    const leaves = paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(`${p}/`)));
    for (const [i, p] of leaves.entries()) layer.file(p, data.subarray(0, (i * 7) % (data.length + 1)));
    const listed = list(layer.encode());
    for (const p of leaves) {
      expect(listed).toContain(p);
      for (const parent of parentDirs(p)) expect(listed.indexOf(parent)).toBeLessThan(listed.indexOf(p));
    }
  });

  it('refuses paths that would escape or be ambiguous', () => {
    expect(() => archivePath('/a/../b')).toThrow(RangeError);
    expect(() => archivePath('/')).toThrow(RangeError);
    expect(archivePath('/bin/sh')).toBe('bin/sh');
    expect(() => new LayerBuilder().file('a', new Uint8Array()).file('/a', new Uint8Array())).toThrow(
      'already holds a',
    );
  });
});
