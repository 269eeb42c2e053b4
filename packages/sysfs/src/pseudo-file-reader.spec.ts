import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_TREE_AREAS } from '@katamon/test-fixtures';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { holdUptimeClock } from '@katamon/test-fixtures';
import { SysfsError } from './sysfs-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'katamon-reader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('PseudoFileReader', () => {
  it('re-reads the current content through the cached descriptor', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS });
    const file = join(dir, 'a');
    writeFileSync(file, '1\n');
    expect(reader.read(file)).toBe('1\n');
    writeFileSync(file, '22222\n'); // truncate + write keeps the inode, like the kernel regenerating
    expect(reader.read(file)).toBe('22222\n');
    expect(reader.openFiles).toBe(1);
    reader.close();
    expect(reader.openFiles).toBe(0);
  });

  it('grows its buffer for content larger than it', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, initialBufferSize: 64 });
    const file = join(dir, 'big');
    const content = 'x'.repeat(10_000) + '\n';
    writeFileSync(file, content);
    expect(reader.read(file)).toBe(content);
    // Exactly the buffer size must not be mistaken for the whole file.
    writeFileSync(file, 'y'.repeat(16_384));
    expect(reader.read(file)).toHaveLength(16_384);
    reader.close();
  });

  it('caps open descriptors, closing the least recently read', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, maxOpenFiles: 3 });
    const files = [0, 1, 2, 3, 4].map((i) => join(dir, `f${i}`));
    files.forEach((f, i) => writeFileSync(f, `${i}`));
    for (const f of files) reader.read(f);
    expect(reader.openFiles).toBe(3);
    files.forEach((f, i) => expect(reader.read(f)).toBe(`${i}`));
    expect(reader.openFiles).toBe(3);
    reader.close();
  });

  it('reports a missing file as not-found, and tryRead as undefined', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS });
    const missing = join(dir, 'nope');
    expect(reader.tryRead(missing)).toBeUndefined();
    try {
      reader.read(missing);
      expect.unreachable();
    } catch (error) {
      expect(SysfsError.isKind(error, 'not-found')).toBe(true);
      expect((error as SysfsError).path).toBe(missing);
    }
  });

  it('forget(dir) closes only that directory’s descriptors', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS });
    const sub = join(dir, 'sub');
    writeFileSync(join(dir, 'a'), 'a');
    reader.read(join(dir, 'a'));
    rmSync(sub, { force: true });
    writeFileSync(`${sub}-x`, 'b'); // shares the prefix string but not the directory
    reader.read(`${sub}-x`);
    reader.forget(sub);
    expect(reader.openFiles).toBe(2);
    reader.forget(dir);
    expect(reader.openFiles).toBe(0);
  });

  it('a regular file renamed over keeps the old inode until forgotten', () => {
    // Documented limit: replacement is detected by the stale descriptor's error (cgroupfs: ENODEV), not by
    // an fstat per read; regular files give no such error, so the owner calls forget().
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS });
    const file = join(dir, 'r');
    writeFileSync(file, 'old');
    expect(reader.read(file)).toBe('old');
    writeFileSync(`${file}.new`, 'new');
    renameSync(`${file}.new`, file);
    expect(reader.read(file)).toBe('old');
    reader.forget(dir);
    expect(reader.read(file)).toBe('new');
    reader.close();
  });
});

describe('PseudoFileReader over its cap', () => {
  it('keeps hitting the cached share when a cyclic sweep outnumbers the cap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-reader-cap-'));
    const files = Array.from({ length: 10 }, (_, i) => join(dir, `f${i}`));
    files.forEach((f, i) => writeFileSync(f, `${i}`));
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, maxOpenFiles: 4 });
    for (let sweep = 0; sweep < 5; sweep++) files.forEach((f, i) => expect(reader.read(f)).toBe(`${i}`));
    expect(reader.openFiles).toBe(4);
    const before = { ...reader.counters };
    files.forEach((f) => reader.read(f));
    // Steady state: the 4 cached files hit, the other 6 are read transiently; nothing is reopened.
    expect(reader.counters.hits - before.hits).toBe(4);
    expect(reader.counters.transient - before.transient).toBe(6);
    expect(reader.counters.opens).toBe(before.opens);
    // Content written after caching is still seen through cached and transient reads alike.
    files.forEach((f, i) => writeFileSync(f, `${i * 10}`));
    files.forEach((f, i) => expect(reader.read(f)).toBe(`${i * 10}`));
    reader.forget(dir);
    expect(reader.openFiles).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('PseudoFileReader missing-file memory', () => {
  it('remembers an absent optional file until the TTL passes or the directory is forgotten', () => {
    // The reader's clock held still: "within the TTL" does not depend on the machine's load.
    const clock = holdUptimeClock();
    onTestFinished(() => clock.restore());
    const dir = mkdtempSync(join(tmpdir(), 'katamon-reader-missing-'));
    const file = join(dir, 'memory.peak');
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, missingTtlMs: 50 });
    expect(reader.tryRead(file)).toBeUndefined();
    writeFileSync(file, '1\n');
    expect(reader.tryRead(file)).toBeUndefined(); // still remembered as missing
    reader.forget(dir);
    expect(reader.tryRead(file)).toBe('1\n');
    rmSync(file);
    reader.forget(dir);
    expect(reader.tryRead(file)).toBeUndefined();
    writeFileSync(file, '2\n');
    clock.advanceMs(49);
    expect(reader.tryRead(file)).toBeUndefined();
    clock.advanceMs(2);
    expect(reader.tryRead(file)).toBe('2\n');
    // read() never consults the memory: a required file that appeared is read at once.
    const other = join(dir, 'x');
    expect(reader.tryRead(other)).toBeUndefined();
    writeFileSync(other, 'x');
    expect(reader.read(other)).toBe('x');
    reader.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
