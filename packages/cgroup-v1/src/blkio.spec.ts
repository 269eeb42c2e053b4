import { PseudoFileReader, SysfsError, type FileReader } from '@katamon/sysfs';
import { parseBlkioFile, readBlkio } from './blkio.js';
import { writeTree, fakeTreeReader, FAKE_AREAS } from './fake-tree.spec-helper.js';

function read(files: Record<string, string>) {
  const tree = writeTree(files);
  try {
    return readBlkio(tree.dir, fakeTreeReader);
  } finally {
    tree.cleanup();
  }
}

const OPS = '8:0 Read 100\n8:0 Write 200\n8:0 Sync 300\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 300\nTotal 300\n';

describe('blkio line format', () => {
  it('parses 4-field op lines and 3-field time lines, skips the Total trailer', () => {
    expect(parseBlkioFile(OPS, '/b').map((e) => [e.major, e.minor, e.op, e.value])).toEqual([
      [8n, 0n, 'Read', 100n],
      [8n, 0n, 'Write', 200n],
      [8n, 0n, 'Sync', 300n],
      [8n, 0n, 'Async', 0n],
      [8n, 0n, 'Discard', 0n],
      [8n, 0n, 'Total', 300n],
    ]);
    expect(parseBlkioFile('253:1 12345\n', '/b')).toEqual([{ major: 253n, minor: 1n, op: '', value: 12345n }]);
  });
  it.each(['8:0\n', 'Read 1\n', '8:x Read 1\n', '8:0 Read -1\n'])('rejects %j naming the file', (text) => {
    try {
      parseBlkioFile(text, '/cg/blkio.x');
      expect.unreachable();
    } catch (error) {
      expect(SysfsError.isKind(error, 'parse')).toBe(true);
      expect((error as SysfsError).path).toBe('/cg/blkio.x');
    }
  });
});

describe('blkio group fallback', () => {
  it('prefers the BFQ debug group and reads all eight files', () => {
    const files: Record<string, string> = {};
    for (const f of [
      'sectors_recursive',
      'io_service_time_recursive',
      'io_wait_time_recursive',
      'io_merged_recursive',
      'io_queued_recursive',
      'time_recursive',
    ]) {
      files[`blkio.bfq.${f}`] = f.includes('sectors') || f.startsWith('time') ? '8:0 5\n' : OPS;
    }
    files['blkio.bfq.io_serviced_recursive'] = OPS;
    files['blkio.bfq.io_service_bytes_recursive'] = OPS;
    files['blkio.throttle.io_service_bytes'] = '8:0 Read 1\n';
    const b = read(files);
    expect(b.sectorsRecursive).toEqual([{ major: 8n, minor: 0n, op: '', value: 5n }]);
    expect(b.ioQueueRecursive).toHaveLength(6);
    expect(b.ioServiceBytesRecursive).toHaveLength(6);
  });

  it('uses the BFQ pair when the debug files are absent (this host’s layout)', () => {
    const b = read({
      'blkio.bfq.io_serviced_recursive': OPS,
      'blkio.bfq.io_service_bytes_recursive': '8:0 Read 7\n',
    });
    expect(b.ioServicedRecursive).toHaveLength(6);
    expect(b.ioServiceBytesRecursive).toEqual([{ major: 8n, minor: 0n, op: 'Read', value: 7n }]);
  });

  it('moves on when a group’s first file has no entries, down to plain throttle', () => {
    const b = read({
      'blkio.bfq.io_serviced_recursive': 'Total 0\n',
      'blkio.throttle.io_serviced_recursive': '',
      'blkio.throttle.io_serviced': '8:16 Write 3\n',
      'blkio.throttle.io_service_bytes': '8:16 Write 4096\n',
    });
    expect(b.ioServicedRecursive).toEqual([{ major: 8n, minor: 16n, op: 'Write', value: 3n }]);
    expect(b.ioServiceBytesRecursive).toEqual([{ major: 8n, minor: 16n, op: 'Write', value: 4096n }]);
  });

  it('moves on when a group’s first file is malformed', () => {
    const b = read({
      'blkio.io_serviced_recursive': 'garbage\n',
      'blkio.throttle.io_serviced': '8:0 Read 1\n',
    });
    expect(b.ioServicedRecursive).toHaveLength(1);
  });

  it('stops quietly at a missing later file, but fails on a malformed one', () => {
    const cfq = {
      'blkio.sectors_recursive': '8:0 9\n',
      'blkio.io_service_time_recursive': OPS,
    };
    const b = read(cfq);
    expect(b.sectorsRecursive).toHaveLength(1);
    expect(b.ioServiceTimeRecursive).toHaveLength(6);
    expect(b.ioWaitTimeRecursive).toEqual([]);
    expect(() => read({ ...cfq, 'blkio.io_wait_time_recursive': '8:0 x y\n' })).toThrow(SysfsError);
  });

  it('is all empty when no group has data (an idle container: runc prints "blkio":{})', () => {
    const b = read({
      'blkio.bfq.io_serviced_recursive': 'Total 0\n',
      'blkio.throttle.io_serviced': 'Total 0\n',
    });
    expect(Object.values(b).every((list) => Array.isArray(list) && list.length === 0)).toBe(true);
  });
});

describe('blkio in the metrics scope', () => {
  // A cgroup that never did I/O: the kernel prints no device in either throttle file (same blkg list).
  const idle = {
    'blkio.throttle.io_serviced_recursive': 'Total 0\n',
    'blkio.throttle.io_service_bytes_recursive': 'Total 0\n',
    'blkio.throttle.io_serviced': 'Total 0\n',
    'blkio.throttle.io_service_bytes': 'Total 0\n',
  };

  function readRecording(files: Record<string, string>, scope: 'all' | 'metrics') {
    const tree = writeTree(files);
    const read: string[] = [];
    const reader = new PseudoFileReader({ batchAddon: null, areas: FAKE_AREAS });
    const recorder: FileReader = {
      read: (p) => (read.push(p), reader.read(p)),
      tryRead: (p) => (read.push(p), reader.tryRead(p)),
    };
    try {
      const stats = readBlkio(tree.dir, recorder, scope);
      return { stats, read: read.map((p) => p.slice(p.lastIndexOf('/') + 1)) };
    } finally {
      reader.close();
      tree.cleanup();
    }
  }

  it('stops at an empty recursive throttle file, which the complete scope reads past as runc does', () => {
    const metrics = readRecording(idle, 'metrics');
    const all = readRecording(idle, 'all');
    expect(metrics.read).not.toContain('blkio.throttle.io_serviced');
    expect(all.read).toContain('blkio.throttle.io_serviced');
    expect(metrics.stats).toEqual(all.stats);
  });

  it('reads the operations and bytes of the group that has devices', () => {
    const files = {
      ...idle,
      'blkio.throttle.io_serviced_recursive': OPS,
      'blkio.throttle.io_service_bytes_recursive': OPS,
    };
    const { stats, read } = readRecording(files, 'metrics');
    expect(stats.ioServicedRecursive).toHaveLength(6);
    expect(stats.ioServiceBytesRecursive).toHaveLength(6);
    expect(read).not.toContain('blkio.throttle.io_serviced');
  });
});
