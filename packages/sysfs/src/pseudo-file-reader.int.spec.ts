import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { SysfsError } from './sysfs-error.js';
import { cgroupfsLayout } from './cgroupfs-layout.spec-helper.js';

// A real cgroupfs: a removed cgroup turns its open descriptors stale (ENODEV), which the reader must map to
// `gone` and recover from when a cgroup of the same name comes back.
const layout = cgroupfsLayout();
const ROOT = layout.pidsParent;

describe('PseudoFileReader on cgroupfs', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(layout.missing, 'missing prerequisite: root and a cgroup hierarchy with pids').toBeUndefined(),
  );
  const dir = `${ROOT}/katamon-test-reader-${process.pid}`;
  afterAll(() => {
    if (existsSync(dir)) rmdirSync(dir);
  });

  it('reports a removed cgroup as gone and reopens a recreated one', () => {
    const reader = new PseudoFileReader();
    mkdirSync(dir);
    expect(reader.read(`${dir}/pids.max`)).toBe('max\n');
    rmdirSync(dir);
    try {
      reader.read(`${dir}/pids.max`);
      expect.unreachable();
    } catch (error) {
      expect(SysfsError.isKind(error, 'gone')).toBe(true);
    }
    expect(reader.openFiles).toBe(0);
    mkdirSync(dir);
    expect(reader.read(`${dir}/pids.current`)).toBe('0\n');
    expect(reader.read(`${dir}/pids.max`)).toBe('max\n');
    reader.close();
  });

  it('in a native batch too: a removed cgroup is gone, a recreated one is read again and batched again', () => {
    const reader = new PseudoFileReader();
    expect(reader.batching, 'the katamon_sysfs addon is built by npm ci (see pseudo-file-reader-batch.spec.ts)').toBe(
      true,
    );
    const sample = () => reader.batch(dir, () => [reader.read(`${dir}/pids.max`), reader.read(`${dir}/pids.current`)]);
    if (existsSync(dir)) rmdirSync(dir);
    mkdirSync(dir);
    expect(sample()).toEqual(['max\n', '0\n']);
    writeFileSync(`${dir}/pids.max`, '7');
    expect(sample()).toEqual(['7\n', '0\n']);
    expect(reader.counters.batches).toBe(1);
    rmdirSync(dir);
    expect(() => sample()).toThrow(expect.objectContaining({ kind: 'gone' }));
    mkdirSync(dir);
    expect(sample()).toEqual(['max\n', '0\n']);
    expect(sample()).toEqual(['max\n', '0\n']);
    expect(reader.counters.batches).toBe(3);
    rmdirSync(dir);
    reader.close();
  });

  it('re-reads a pseudo-file at offset 0 and sees the kernel regenerate it', () => {
    const reader = new PseudoFileReader();
    const first = reader.read(`${ROOT}/cgroup.procs`);
    const second = reader.read(`${ROOT}/cgroup.procs`);
    expect(first.length).toBeGreaterThan(0);
    expect(second.endsWith('\n')).toBe(true);
    reader.close();
  });
});
