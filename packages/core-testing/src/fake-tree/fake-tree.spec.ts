import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCgroupV1Tree, writeCgroupV2Tree } from './cgroup-trees.js';
import { renderNetDev, renderSocketTable, writeProcNetTree } from './proc-net-tree.js';
import { createTempDir, writeTree, type TempDir } from './write-tree.js';

let tmp: TempDir;
beforeEach(async () => {
  tmp = await createTempDir();
});
afterEach(() => tmp.cleanup());

describe(writeTree, () => {
  it('writes flat, slashed and nested paths as real files', async () => {
    await writeTree(tmp.path, { 'pids.max': 'max\n', 'a/b/c': 'x', d: { e: 'y', f: { g: 'z' } } });
    expect(await readFile(join(tmp.path, 'pids.max'), 'utf8')).toBe('max\n');
    expect(await readFile(join(tmp.path, 'a/b/c'), 'utf8')).toBe('x');
    expect(await readFile(join(tmp.path, 'd/f/g'), 'utf8')).toBe('z');
  });

  it('cleans up idempotently', async () => {
    await tmp.cleanup();
    await tmp.cleanup();
    await expect(stat(tmp.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe(writeCgroupV1Tree, () => {
  it('lays out one hierarchy per mount, co-mounted controllers sharing a directory', async () => {
    const paths = await writeCgroupV1Tree(tmp.path, '/docker/abc', {
      'cpu,cpuacct': { 'cpuacct.usage': '42\n' },
      pids: { 'pids.current': '3\n', 'pids.max': 'max\n' },
    });
    expect(paths).toEqual({
      version: 1,
      paths: {
        cpu: join(tmp.path, 'cpu,cpuacct/docker/abc'),
        cpuacct: join(tmp.path, 'cpu,cpuacct/docker/abc'),
        pids: join(tmp.path, 'pids/docker/abc'),
      },
    });
    expect(await readFile(join(paths.paths['cpuacct'] as string, 'cpuacct.usage'), 'utf8')).toBe('42\n');
  });
});

describe(writeCgroupV2Tree, () => {
  it('writes one unified group', async () => {
    const ref = await writeCgroupV2Tree(tmp.path, 'system.slice/x.scope', { 'memory.current': '4096\n' });
    expect(ref).toEqual({ version: 2, path: join(tmp.path, 'system.slice/x.scope') });
    expect(await readFile(join(ref.path, 'memory.current'), 'utf8')).toBe('4096\n');
  });
});

describe(writeProcNetTree, () => {
  it('writes /proc/<pid>/net files in the kernel formats', async () => {
    const lo = {
      name: 'lo',
      rxBytes: 100n,
      rxPackets: 2n,
      rxErrors: 0n,
      rxDropped: 0n,
      txBytes: 100n,
      txPackets: 2n,
      txErrors: 0n,
      txDropped: 0n,
    };
    const eth = { ...lo, name: 'eth0', rxBytes: 18446744073709551615n, txDropped: 7n };
    const dir = await writeProcNetTree(tmp.path, 1234, {
      dev: renderNetDev([lo, eth]),
      tcp: renderSocketTable('tcp', [{ state: 10 }, { state: 1, txQueue: 5 }]),
      udp6: renderSocketTable('udp6', [{ state: 7, drops: 3, rxQueue: 256 }]),
    });
    expect(dir).toBe(join(tmp.path, '1234'));
    const dev = (await readFile(join(dir, 'net/dev'), 'utf8')).split('\n');
    expect(dev[2]).toBe(
      '    lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0',
    );
    expect(dev[3]?.split(/\s+/).filter(Boolean).slice(0, 2)).toEqual(['eth0:', '18446744073709551615']);
    expect(dev[3]?.trim().split(/\s+/)[12]).toBe('7');
    const tcp = (await readFile(join(dir, 'net/tcp'), 'utf8')).split('\n');
    expect(tcp[1]?.trim().split(/\s+/).slice(3, 5)).toEqual(['0A', '00000000:00000000']);
    expect(tcp[2]?.trim().split(/\s+/).slice(3, 5)).toEqual(['01', '00000005:00000000']);
    const udp6 = (await readFile(join(dir, 'net/udp6'), 'utf8')).split('\n');
    expect(udp6[0]?.endsWith('ref pointer drops')).toBe(true);
    expect(udp6[1]?.trim().split(/\s+/).at(-1)).toBe('3');
    expect(udp6[1]?.trim().split(/\s+/)[1]).toHaveLength(37);
  });
});
