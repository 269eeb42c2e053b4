import { SysfsError } from '@katamon/sysfs';
import { readMemory } from './memory.js';
import { writeTree, fakeTreeReader } from './fake-tree.spec-helper.js';

const UNLIMITED = '9223372036854771712\n';
const entry = (
  prefix: string,
  usage: string,
  max: string,
  failcnt: string,
  limit?: string,
): Record<string, string> => ({
  [`${prefix}usage_in_bytes`]: usage,
  [`${prefix}max_usage_in_bytes`]: max,
  [`${prefix}failcnt`]: failcnt,
  ...(limit === undefined ? {} : { [`${prefix}limit_in_bytes`]: limit }),
});
const STAT =
  'cache 12288\nrss 118784\nhierarchical_memory_limit 268435456\nhierarchical_memsw_limit 9223372036854771712\ntotal_cache 12288\n';
const full = {
  'memory.stat': STAT,
  'memory.use_hierarchy': '1\n',
  ...entry('memory.', '712704\n', '2510848\n', '0\n', '268435456\n'),
  ...entry('memory.memsw.', '712704\n', '2510848\n', '0\n', UNLIMITED),
  ...entry('memory.kmem.', '335872\n', '643072\n', '0\n', UNLIMITED),
  ...entry('memory.kmem.tcp.', '0\n', '0\n', '0\n', UNLIMITED),
};

function read(files: Record<string, string | undefined>) {
  const defined = Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const tree = writeTree(defined);
  try {
    return readMemory(tree.dir, fakeTreeReader);
  } finally {
    tree.cleanup();
  }
}

describe('v1 memory (reference §3.2)', () => {
  it('reads all four entries, the raw map verbatim and the unlimited value exactly', () => {
    const m = read(full);
    expect(m?.cache).toBe(12288n);
    expect(m?.usage).toEqual({
      usage: 712704n,
      max: 2510848n,
      failcnt: 0n,
      limit: 268435456n,
    });
    expect(m?.swap.limit).toBe(9223372036854771712n);
    expect(m?.kernel).toEqual({
      usage: 335872n,
      max: 643072n,
      failcnt: 0n,
      limit: 9223372036854771712n,
    });
    expect(m?.kernelTCP.limit).toBe(9223372036854771712n);
    expect([...(m?.raw.keys() ?? [])]).toEqual([
      'cache',
      'rss',
      'hierarchical_memory_limit',
      'hierarchical_memsw_limit',
      'total_cache',
    ]);
    expect(m?.raw.get('hierarchical_memsw_limit')).toBe(9223372036854771712n);
    expect(m?.useHierarchy).toBe(true);
  });

  it('skips the whole section without memory.stat', () => {
    expect(read({ ...full, 'memory.stat': undefined })).toBeUndefined();
  });

  it('memsw absent (swap accounting off) → zero entry', () => {
    const m = read({ ...full, 'memory.memsw.usage_in_bytes': undefined });
    expect(m?.swap).toEqual({ usage: 0n, max: 0n, failcnt: 0n, limit: 0n });
  });

  it('kmem.limit_in_bytes removed (kernel ≥ 5.16) → limit 0, the rest kept', () => {
    const m = read({ ...full, 'memory.kmem.limit_in_bytes': undefined });
    expect(m?.kernel).toEqual({
      usage: 335872n,
      max: 643072n,
      failcnt: 0n,
      limit: 0n,
    });
  });

  it('kmem.tcp absent → zero entry', () => {
    const m = read({ ...full, 'memory.kmem.tcp.usage_in_bytes': undefined });
    expect(m?.kernelTCP).toEqual({
      usage: 0n,
      max: 0n,
      failcnt: 0n,
      limit: 0n,
    });
  });

  it.each([
    'memory.usage_in_bytes',
    'memory.max_usage_in_bytes',
    'memory.failcnt',
    'memory.limit_in_bytes',
    'memory.use_hierarchy',
  ])('%s is required', (file) => {
    expect(() => read({ ...full, [file]: undefined })).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });

  it('memsw limit missing while usage exists is an error (only kmem may lack it)', () => {
    expect(() => read({ ...full, 'memory.memsw.limit_in_bytes': undefined })).toThrow(
      expect.objectContaining({ kind: 'not-found' }),
    );
  });

  it('a malformed memory.stat line is a parse error naming the file', () => {
    try {
      read({ ...full, 'memory.stat': 'cache 1\nrss\n' });
      expect.unreachable();
    } catch (error) {
      expect(SysfsError.isKind(error, 'parse')).toBe(true);
      expect((error as SysfsError).path).toMatch(/memory\.stat$/);
    }
  });
});
