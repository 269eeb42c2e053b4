import { PLUGIN_API_VERSION } from '@katamon/core';
import { testContainerRef, testPluginContext } from '@katamon/core-testing';
import { readFileSync } from 'node:fs';
import { findCgroupMounts, parseMountinfo, parseProcCgroup, resolveUnifiedPath } from '@katamon/sysfs';
import { cgroupV2SourceOptions, plugin } from './plugin.js';
import { createCgroupV2Source } from './cgroup-v2-source.js';
import { FAKE_AREAS, FIXTURE_DIR } from './fake-tree.spec-helper.js';

const ctx = testPluginContext();
const ref = testContainerRef;

describe('cgroup-v2 plugin', () => {
  it('is a valid manifest with one cgroup-v2 source', () => {
    expect(plugin).toMatchObject({
      name: '@katamon/cgroup-v2',
      apiVersion: PLUGIN_API_VERSION,
      coreRange: '^0.1.0',
    });
    expect(plugin.sources?.map((s) => s.kind)).toEqual(['cgroup-v2']);
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('handles v2 refs only and collects them (this process’s own unified cgroup)', async () => {
    const source = await plugin.sources![0]!.create(ctx);
    expect(source.name).toBe('cgroup-v2');
    expect(source.probe(ref({ version: 1, paths: { memory: '/x' } }))).toBe('skip');
    expect(source.probe(ref(undefined))).toBe('skip');
    const mounts = findCgroupMounts(parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1')));
    const own = resolveUnifiedPath(parseProcCgroup(readFileSync('/proc/self/cgroup', 'latin1')), mounts);
    expect(own, 'a cgroup2 mount').toBeDefined();
    const v2 = ref({ version: 2, path: own as string });
    expect(source.probe(v2)).toBe('handle');
    const result = await source.collect(v2);
    // Without the pids controller (a hybrid host's unified mount) the count comes from cgroup.procs.
    expect(result.stats.pids?.current).toBeGreaterThan(0n);
    await expect(source.collect(ref({ version: 1, paths: {} }))).rejects.toMatchObject({ kind: 'unsupported' });
    await source.release?.();
  });

  it('refuses files that are not on cgroupfs, whatever the cgroup root and the config say', async () => {
    const widen = { areas: [{ root: '/', filesystems: [0xef53, 0x01021994] }], filesystems: ['tmpfs', 'ext4'] };
    const options = cgroupV2SourceOptions({ ...testPluginContext(widen), roots: { cgroup: FIXTURE_DIR } });
    expect(options.areas).toBeUndefined();
    expect(options.cgroupRoot).toBe(FIXTURE_DIR);
    const source = await plugin.sources![0]!.create({ ...testPluginContext(widen), roots: { cgroup: FIXTURE_DIR } });
    const { issues } = await source.collect(ref({ version: 2, path: FIXTURE_DIR }));
    expect(issues?.length).toBeGreaterThan(0);
    for (const issue of issues ?? []) expect(issue.message).toMatch(/refusing .*: on \S+, not cgroup or cgroup2$/);
    await source.release?.();
  });

  it('can skip memory.events when configured', async () => {
    expect(cgroupV2SourceOptions({ ...ctx, config: { memoryEvents: false } }).memoryEvents).toBe(false);
    expect(cgroupV2SourceOptions(ctx).memoryEvents).toBeUndefined();
    const events = async (memoryEvents: boolean) => {
      const source = createCgroupV2Source({ memoryEvents, areas: FAKE_AREAS });
      const result = await source.collect(ref({ version: 2, path: FIXTURE_DIR }));
      await source.release?.();
      return result.stats.memory?.events;
    };
    expect(await events(true)).toBeDefined();
    expect(await events(false)).toBeUndefined();
  });
});
