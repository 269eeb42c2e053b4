import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBatchReadAddon, type BatchReadAddon } from './native-batch.js';
import { fakeTreeArea } from '@katamon/test-fixtures';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { KERNEL_AREAS } from './read-areas.js';
import { RingDirs } from './ring-dirs.js';
import { cgroupfsLayout } from './cgroupfs-layout.spec-helper.js';

// Batches over a real cgroupfs read through io_uring: the same bytes and errors as one pread per file, and no
// io_uring worker thread.
const layout = cgroupfsLayout();
const RING_DISABLED = '/proc/sys/kernel/io_uring_disabled';

let addon: BatchReadAddon;
const dirs: string[] = [];
beforeAll(() => {
  expect(layout.missing, 'missing prerequisite: root and cgroup memory + pids (v1 or v2)').toBeUndefined();
  // Built by npm ci; built here if it is not (a test VM has only the copy the harness put in its image).
  if (!loadBatchReadAddon()) {
    const script = join(import.meta.dirname, '..', '..', '..', 'tools', 'build', 'scripts', 'build-native.mjs');
    execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
  }
  addon = loadBatchReadAddon() as BatchReadAddon;
  expect(addon?.useRing, 'the katamon_sysfs addon with io_uring did not load').toBeDefined();
  // Idle cgroups (no task): their files read the same from one read to the next.
  for (let i = 0; i < 3; i++)
    for (const parent of layout.parents) {
      const dir = `${parent}/katamon-test-ring-${process.pid}-${i}`;
      mkdirSync(dir);
      dirs.push(dir);
    }
});
afterAll(() => {
  addon?.useRing?.(true);
  for (const dir of dirs) if (existsSync(dir)) rmdirSync(dir);
});

/** Every readable file of the test cgroups (3 directories per hierarchy): over two rounds of the ring. */
function cgroupFiles(): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .map((f) => join(dir, f))
      .filter((path) => (statSync(path).mode & 0o444) !== 0),
  );
}

/** Each file's bytes or -errno, through the ring or not. */
function readAll(fds: Int32Array, capacity: number, ring: boolean): string[] {
  expect(addon.useRing?.(ring)).toBe(ring);
  const buffer = Buffer.alloc(capacity);
  const out = new Int32Array(fds.length * 2);
  addon.readBatch(fds, buffer, out, true);
  return Array.from(fds, (_, i) => {
    const length = out[2 * i + 1] as number;
    const start = out[2 * i] as number;
    return length < 0 ? `errno ${-length}` : buffer.toString('latin1', start, start + length);
  });
}

const workerThreads = () =>
  readdirSync('/proc/self/task').filter((t) => readFileSync(`/proc/self/task/${t}/comm`, 'utf8').startsWith('iou-wrk'));

describe('readBatch through io_uring on cgroupfs', () => {
  it('is available where the kernel allows io_uring', () => {
    const disabled = existsSync(RING_DISABLED) ? readFileSync(RING_DISABLED, 'utf8').trim() : '0';
    expect(addon.useRing?.(true)).toBe(disabled === '0');
  });

  it('reads the same bytes and errors as one pread per file, whatever the buffer holds', () => {
    expect(addon.useRing?.(true), `io_uring is disabled here (${RING_DISABLED}): nothing to compare`).toBe(true);
    const paths = cgroupFiles();
    expect(paths.length).toBeGreaterThan(64);
    const fds = Int32Array.from(paths, (path) => openSync(path, 'r'));
    try {
      // Whole; shares smaller than memory.stat (read again after the others); a buffer that runs out (ENOBUFS).
      for (const capacity of [1 << 20, 16 * 1024, 4096, 300]) {
        const preads = readAll(fds, capacity, false);
        expect(readAll(fds, capacity, true)).toEqual(preads);
      }
      expect(readAll(fds, 1 << 20, true).filter((text) => text.startsWith('errno')).length).toBeLessThan(
        paths.length / 2,
      );
      expect(workerThreads()).toEqual([]);
      // A removed cgroup: its held descriptors fail the same way (ENODEV) both ways.
      const last = dirs.at(-1) as string;
      rmdirSync(last);
      const preads = readAll(fds, 1 << 20, false);
      expect(preads.some((text) => text === 'errno 19')).toBe(true);
      expect(readAll(fds, 1 << 20, true)).toEqual(preads);
      mkdirSync(last);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  });

  it('is what a reader asks for on cgroupfs, and only there', () => {
    const cgroup = dirs[0] as string;
    const tmp = mkdtempSync(join(tmpdir(), 'katamon-ring-'));
    try {
      writeFileSync(join(tmp, 'a'), 'a\n');
      writeFileSync(join(tmp, 'b'), 'b\n');
      const ringDirs = new RingDirs();
      expect(ringDirs.all([`${cgroup}/memory.stat`, `${cgroup}/${layout.zeroFiles[0]}`])).toBe(true);
      expect(ringDirs.all([`${cgroup}/memory.stat`, join(tmp, 'a')])).toBe(false);
      expect(ringDirs.all([join(tmp, 'nothing-here', 'x')])).toBe(false);

      const reader = new PseudoFileReader({ areas: [...KERNEL_AREAS, fakeTreeArea(tmp)] });
      const files = layout.zeroFiles.map((f) => `${cgroup}/${f}`);
      for (let i = 0; i < 3; i++)
        expect(reader.batch('cg', () => files.map((f) => reader.read(f)))).toEqual(['0\n', '0\n']);
      for (let i = 0; i < 3; i++)
        expect(reader.batch('tmp', () => ['a', 'b'].map((f) => reader.read(join(tmp, f))))).toEqual(['a\n', 'b\n']);
      expect(reader.counters).toMatchObject({ batches: 4, ring: 2 });
      reader.close();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
