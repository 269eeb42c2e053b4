import { PLUGIN_API_VERSION, silentLogger, type PluginContext } from '@katamon/core';
import { plugin } from './plugin.js';

describe('netns plugin', () => {
  it('is a frozen manifest with one netns source that reads the namespace of this process', async () => {
    expect(plugin).toMatchObject({ name: '@katamon/netns', apiVersion: PLUGIN_API_VERSION });
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(plugin.sources?.map((s) => s.kind)).toEqual(['netns']);
    const ctx: PluginContext = {
      config: {},
      logger: silentLogger,
      scheduler: { now: () => 0, setTimer: () => () => undefined },
      roots: {},
    };
    const source = await plugin.sources![0]!.create(ctx);
    expect(source.name).toBe('netns');
    const ref = { id: 'self', runtime: 'runc', resolver: 'test', status: 'running' as const, pid: process.pid };
    const { stats } = await source.collect(ref);
    expect(stats.network?.interfaces[0]?.name).toBe('lo');
    await source.release?.();
  });
});
