import { PLUGIN_API_VERSION } from '@katamon/core';
import { testContainerRef, testPluginContext } from '@katamon/core-testing';
import { plugin } from './plugin.js';
import { FIXTURE_DIR } from './fake-tree.spec-helper.js';

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

  it('handles v2 refs only and collects them', async () => {
    const source = await plugin.sources![0]!.create(ctx);
    expect(source.name).toBe('cgroup-v2');
    expect(source.probe(ref({ version: 1, paths: { memory: '/x' } }))).toBe('skip');
    expect(source.probe(ref(undefined))).toBe('skip');
    const v2 = ref({ version: 2, path: FIXTURE_DIR });
    expect(source.probe(v2)).toBe('handle');
    const result = await source.collect(v2);
    expect(result.stats.pids?.current).toBe(3n);
    await expect(source.collect(ref({ version: 1, paths: {} }))).rejects.toMatchObject({ kind: 'unsupported' });
    await source.release?.();
  });

  it('can skip memory.events when configured', async () => {
    const source = await plugin.sources![0]!.create({
      ...ctx,
      config: { memoryEvents: false },
    });
    const result = await source.collect(ref({ version: 2, path: FIXTURE_DIR }));
    expect(result.stats.memory?.events).toBeUndefined();
    await source.release?.();
  });
});
