import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PLUGIN_API_VERSION } from '@katamon/core';
import { testContainerRef, testPluginContext } from '@katamon/core-testing';
import {
  PseudoFileReader,
  SysfsError,
  findCgroupMounts,
  parseMountinfo,
  parseProcCgroup,
  resolveV1Paths,
} from '@katamon/sysfs';
import { readCgroupV1StatsSync } from './read-cgroup-v1-stats.js';
import { plugin } from './plugin.js';
import { FAKE_AREAS, fakeTreeReader, writeTree } from './fake-tree.spec-helper.js';

const cpuacct = {
  'cpuacct/cpuacct.stat': 'user 1\nsystem 2\n',
  'cpuacct/cpuacct.usage': '30000000\n',
  'cpuacct/cpuacct.usage_percpu': '10000000 20000000\n',
};
const pids = { 'pids/pids.current': '1\n', 'pids/pids.max': 'max\n' };

describe('readCgroupV1StatsSync', () => {
  it('collects a failing controller as an issue and keeps the others', () => {
    const tree = writeTree({
      ...cpuacct,
      ...pids,
      'memory/memory.stat': 'cache 1\n',
    });
    const paths = {
      cpuacct: `${tree.dir}/cpuacct`,
      pids: `${tree.dir}/pids`,
      memory: `${tree.dir}/memory`,
    };
    const { stats, issues } = readCgroupV1StatsSync(paths, {
      hugePageSizes: ['2MB'],
      reader: fakeTreeReader,
    });
    expect(stats.cpu?.usage.total).toBe(30000000n);
    expect(stats.cpu?.usage.user).toBe(10000000n);
    expect(stats.cpu?.throttling).toEqual({
      periods: 0n,
      throttledPeriods: 0n,
      throttledTime: 0n,
    });
    expect(stats.pids).toEqual({ current: 1n, limit: 0n });
    expect(stats.memory).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'cgroup-v1',
        kind: 'not-found',
        path: `${tree.dir}/memory/memory.usage_in_bytes`,
      }),
    ]);
    tree.cleanup();
  });

  it('prints an empty hugetlb map without the v1 hugetlb hierarchy (hybrid hosts), and skips absent controllers', () => {
    const tree = writeTree(cpuacct);
    const { stats, issues } = readCgroupV1StatsSync(
      { cpuacct: `${tree.dir}/cpuacct` },
      { hugePageSizes: ['2MB'], reader: fakeTreeReader },
    );
    expect(issues).toBeUndefined();
    expect(stats.hugetlb).toEqual(new Map());
    expect(stats.pids).toBeUndefined();
    expect(stats.cpuset).toBeUndefined();
    tree.cleanup();
  });

  it('skips a controller whose directory vanished, but a vanished cpuacct or memory means gone', () => {
    // Fresh readers: a regular temp file stays readable through an open descriptor after unlink (cgroupfs
    // answers ENODEV instead; that path is covered by the kernel tests).
    const tree = writeTree({ ...cpuacct, 'memory/x': '' });
    const live = {
      cpuacct: `${tree.dir}/cpuacct`,
      pids: `${tree.dir}/pids-gone`,
    };
    expect(readCgroupV1StatsSync(live, { reader: new PseudoFileReader({ areas: FAKE_AREAS }) }).issues).toBeUndefined();
    tree.cleanup();
    for (const paths of [live, { memory: `${tree.dir}/memory` }]) {
      try {
        readCgroupV1StatsSync(paths, { reader: new PseudoFileReader({ areas: FAKE_AREAS }) });
        expect.unreachable();
      } catch (error) {
        expect(SysfsError.isKind(error, 'gone')).toBe(true);
      }
    }
  });
});

describe('cgroup-v1 plugin', () => {
  const ctx = testPluginContext({ oomPollMs: 50 });
  const ref = testContainerRef;

  it('is a valid manifest with one cgroup-v1 source', () => {
    expect(plugin).toMatchObject({
      name: '@katamon/cgroup-v1',
      apiVersion: PLUGIN_API_VERSION,
      coreRange: '^0.1.0',
    });
    expect(plugin.sources?.map((s) => s.kind)).toEqual(['cgroup-v1']);
  });

  it('handles v1 refs only, and collects them (this process’s own cpuacct cgroup)', async () => {
    const source = await plugin.sources![0]!.create(ctx);
    expect(source.name).toBe('cgroup-v1');
    expect(source.probe(ref({ version: 2, path: '/x' }))).toBe('skip');
    expect(source.probe(ref(undefined))).toBe('skip');
    const mounts = findCgroupMounts(parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1')));
    const own = resolveV1Paths(parseProcCgroup(readFileSync('/proc/self/cgroup', 'latin1')), mounts);
    expect(own['cpuacct'], 'a v1 cpuacct hierarchy (hybrid host)').toBeDefined();
    const v1 = ref({ version: 1, paths: { cpuacct: own['cpuacct'] as string } });
    expect(source.probe(v1)).toBe('handle');
    expect((await source.collect(v1)).stats.cpu?.usage.total).toBeGreaterThan(0n);
    await expect(source.collect(ref({ version: 2, path: '/x' }))).rejects.toMatchObject({ kind: 'unsupported' });
    expect(() => source.watchOom!(v1, new AbortController().signal)).toThrow(/memory controller missing/);
    await source.release?.(v1);
    await source.release?.();
  });

  it('reads cgroupfs only, whatever the cgroup root and the config say', async () => {
    const tree = writeTree(cpuacct);
    const v1 = ref({ version: 1, paths: { cpuacct: `${tree.dir}/cpuacct` } });
    const refused = async (roots: Record<string, string>, config: Record<string, unknown>) => {
      const source = await plugin.sources![0]!.create({ ...testPluginContext(config), roots });
      const { issues } = await source.collect(v1);
      await source.release?.();
      expect(issues).toEqual([
        expect.objectContaining({ kind: 'permission-denied', path: `${tree.dir}/cpuacct/cpuacct.stat` }),
      ]);
      return issues?.[0]?.message;
    };
    expect(await refused({}, {})).toMatch(/refusing .*: outside \/sys\/fs\/cgroup$/);
    const widen = { areas: [{ root: '/', filesystems: [0xef53, 0x01021994] }], filesystems: ['tmpfs', 'ext4'] };
    expect(await refused({ cgroup: tmpdir() }, widen)).toMatch(/refusing .*: on \S+, not cgroup or cgroup2$/);
    tree.cleanup();
  });
});
