import { SysfsError, UINT64_MAX } from '@katamon/sysfs';
import { readMemory } from './memory.js';
import { writeTree, fakeTreeReader } from './fake-tree.spec-helper.js';

const base = {
  'memory.stat': 'anon 4096\nfile 8192\n',
  'memory.current': '100\n',
};

function read(files: Record<string, string>) {
  const tree = writeTree({ ...base, ...files });
  try {
    return readMemory(tree.dir, fakeTreeReader);
  } finally {
    tree.cleanup();
  }
}

describe('v2 memory (reference §3.3)', () => {
  it('maps memory.max "max" to 2^64−1 and cache to the file key', () => {
    const m = read({ 'memory.max': 'max\n' });
    expect(m.usage.limit).toBe(UINT64_MAX);
    expect(m.cache).toBe(8192n);
    expect(m.usage.failcnt).toBe(0n);
  });

  it('adds swap.max to memory.max with uint64 wrap-around', () => {
    const m = read({
      'memory.max': 'max\n',
      'memory.swap.current': '7\n',
      'memory.swap.max': '1073741824\n',
    });
    expect(m.swap.limit).toBe(1073741823n);
    expect(m.swap.usage).toBe(107n);
  });

  it('keeps 2^64−1 when swap.max is max', () => {
    const m = read({
      'memory.max': '1000\n',
      'memory.swap.current': '0\n',
      'memory.swap.max': 'max\n',
    });
    expect(m.swap.limit).toBe(UINT64_MAX);
  });

  it('without swap accounting: swap.usage = memory.current, swap.limit = memory.max', () => {
    const m = read({ 'memory.max': '1000\n' });
    expect(m.swap).toEqual({ usage: 100n, limit: 1000n, max: 0n, failcnt: 0n });
  });

  it('memory.peak absent (kernel < 5.19) → max 0; present → max', () => {
    expect(read({ 'memory.max': '1\n' }).usage.max).toBe(0n);
    expect(read({ 'memory.max': '1\n', 'memory.peak': '555\n' }).usage.max).toBe(555n);
  });

  it('reads memory.events, with oom_group_kill absent on old kernels', () => {
    const m = read({
      'memory.max': '1\n',
      'memory.events': 'low 1\nhigh 2\nmax 3\noom 4\noom_kill 5\n',
    });
    expect(m.events).toEqual({
      low: 1n,
      high: 2n,
      max: 3n,
      oom: 4n,
      oomKill: 5n,
      oomGroupKill: 0n,
    });
  });

  it('a negative value reads as 0; garbage is a parse error naming the file', () => {
    expect(read({ 'memory.max': '-1\n' }).usage.limit).toBe(0n);
    try {
      read({ 'memory.max': 'lots\n' });
      expect.unreachable();
    } catch (error) {
      expect(SysfsError.isKind(error, 'parse')).toBe(true);
      expect((error as SysfsError).path).toMatch(/memory\.max$/);
    }
  });

  it('memory.max missing is not-found (controller files are all-or-nothing)', () => {
    expect(() => read({})).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });
});
