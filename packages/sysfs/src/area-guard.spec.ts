import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeTreeArea } from '@katamon/test-fixtures';
import { parseSingleUint } from './cgroup-values.js';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { cgroupArea } from './read-areas.js';
import { SysfsError } from './sysfs-error.js';

// A fake tree: `area` is where the reader may read, `outside` is next to it. The secret's text must never
// show up in a value or an error.
const SECRET = 'root:$6$katamon-secret:19000:0:99999:7:::\n';
let dir: string;
let area: string;
let outside: string;
const writers: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'katamon-guard-'));
  area = join(dir, 'area');
  outside = join(dir, 'outside');
  mkdirSync(join(area, 'cg'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret'), SECRET);
  writeFileSync(join(area, 'cg', 'memory.usage_in_bytes'), '4096\n');
});
afterEach(() => {
  for (const w of writers.splice(0)) w.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const reader = (options: ConstructorParameters<typeof PseudoFileReader>[0] = {}) =>
  new PseudoFileReader({ areas: [fakeTreeArea(area)], batchAddon: null, ...options });

/** The refusal of reading `path` (read and tryRead both), checked to quote nothing of the secret. */
function refusal(path: string, r = reader()): string {
  const errors = [() => r.read(path), () => r.tryRead(path), () => r.readParsed(path, parseSingleUint)].map((f) => {
    try {
      f();
    } catch (error) {
      return error;
    }
    throw new Error(`${path} was read`);
  });
  for (const error of errors) {
    expect(SysfsError.isKind(error, 'permission-denied'), String(error)).toBe(true);
    expect((error as SysfsError).path).toBe(path);
    expect((error as Error).message).not.toContain('katamon-secret');
    expect((error as Error).message).toBe((errors[0] as Error).message);
  }
  r.close();
  return (errors[0] as Error).message;
}

describe('PseudoFileReader areas', () => {
  it('reads a regular file of its area', () => {
    const r = reader();
    expect(r.read(join(area, 'cg', 'memory.usage_in_bytes'))).toBe('4096\n');
    r.close();
  });

  it("refuses a path with a '..' segment before opening anything", () => {
    const path = `${area}/cg/../../outside/secret`;
    expect(refusal(path)).toBe(`refusing ${path}: has a '.' or '..' segment`);
  });

  it('refuses a path outside its areas, and a relative one', () => {
    expect(refusal(join(outside, 'secret'))).toBe(`refusing ${join(outside, 'secret')}: outside ${area}`);
    expect(refusal('cg/memory.stat')).toBe('refusing cg/memory.stat: is not an absolute path');
  });

  it('refuses a directory that resolves outside its area through a link', () => {
    symlinkSync(outside, join(area, 'escape'));
    const path = join(area, 'escape', 'secret');
    expect(refusal(path)).toBe(`refusing ${path}: resolves outside ${area}`);
  });

  it('refuses a file that is a symbolic link, wherever it points', () => {
    symlinkSync(join(outside, 'secret'), join(area, 'cg', 'memory.stat'));
    symlinkSync('memory.usage_in_bytes', join(area, 'cg', 'memory.failcnt'));
    symlinkSync('/dev/zero', join(area, 'cg', 'memory.max_usage_in_bytes'));
    for (const name of ['memory.stat', 'memory.failcnt', 'memory.max_usage_in_bytes']) {
      const path = join(area, 'cg', name);
      expect(refusal(path)).toBe(`refusing ${path}: a symbolic link`);
    }
  });

  it('refuses a FIFO at once, without waiting for a writer', () => {
    const path = join(area, 'cg', 'memory.stat');
    execFileSync('mkfifo', [path]);
    // A reader that blocks in open() would get "4096" once this writer comes, and pass as a read: it must fail.
    writers.push(spawn('sh', ['-c', `sleep 2; echo 4096 > '${path}'`], { stdio: 'ignore' }));
    expect(refusal(path)).toBe(`refusing ${path}: a FIFO, not a regular file`);
  });

  it('refuses a device node (/dev/zero made with mknod) without reading it', () => {
    expect(process.getuid?.(), 'mknod needs root: run as .ci/run does').toBe(0);
    const path = join(area, 'cg', 'memory.stat');
    execFileSync('mknod', [path, 'c', '1', '5']);
    expect(refusal(path)).toBe(`refusing ${path}: a character device, not a regular file`);
  });

  it('accepts only the filesystems of the area: cgroupfs alone for a cgroup area', () => {
    const path = join(area, 'cg', 'memory.usage_in_bytes');
    expect(refusal(path, new PseudoFileReader())).toBe(`refusing ${path}: outside /sys/fs/cgroup, /proc`);
    expect(refusal(path, new PseudoFileReader({ areas: [cgroupArea(area)] }))).toMatch(
      new RegExp(`^refusing ${path}: on \\S+, not cgroup or cgroup2$`),
    );
  });

  it('still reports a missing file as not-found, and a missing directory too', () => {
    const r = reader();
    expect(r.tryRead(join(area, 'cg', 'nope'))).toBeUndefined();
    expect(r.tryRead(join(area, 'gone', 'nope'))).toBeUndefined();
    expect(() => r.read(join(area, 'gone', 'nope'))).toThrow(expect.objectContaining({ kind: 'not-found' }));
    r.close();
  });
});

describe('PseudoFileReader size cap', () => {
  it('fails a file over maxFileBytes alone: the other files read on, and a file at the cap reads whole', () => {
    const r = reader({ maxFileBytes: 4096, initialBufferSize: 64 });
    const big = join(area, 'cg', 'memory.stat');
    const small = join(area, 'cg', 'memory.usage_in_bytes');
    writeFileSync(big, `cache ${'1'.repeat(10_000)}\n`);
    expect(() => r.read(big)).toThrow(`${big} is larger than 4096 bytes`);
    expect(() => r.read(big)).toThrow(expect.objectContaining({ kind: 'io', errno: 'EFBIG' }));
    expect(r.read(small)).toBe('4096\n');
    writeFileSync(big, 'x'.repeat(4096));
    expect(r.read(big)).toHaveLength(4096);
    writeFileSync(big, 'x'.repeat(4097));
    expect(() => r.read(big)).toThrow(SysfsError);
    expect(r.read(small)).toBe('4096\n');
    r.close();
  });

  it('never quotes the content of a file it cannot parse', () => {
    const path = join(area, 'cg', 'memory.usage_in_bytes');
    writeFileSync(path, SECRET);
    const r = reader();
    expect(() => r.readParsed(path, parseSingleUint)).toThrow(`unable to parse ${path}: not an unsigned integer`);
    r.close();
  });
});
