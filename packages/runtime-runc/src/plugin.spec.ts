import { PLUGIN_API_VERSION, silentLogger, type PluginContext } from '@katamon/core';
import { plugin, stateRootsOf } from './plugin.js';

describe('runtime-runc plugin', () => {
  it('is a manifest with one runc resolver', () => {
    expect(plugin).toMatchObject({ name: '@katamon/runtime-runc', apiVersion: PLUGIN_API_VERSION });
    expect(plugin.resolvers?.map((r) => r.kind)).toEqual(['runc']);
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('reads roots from ctx.roots as colon-separated lists with per-runtime defaults', () => {
    expect(stateRootsOf({})).toEqual([
      { path: '/run/runc', runtime: 'runc' },
      { path: '/run/crun', runtime: 'crun' },
    ]);
    expect(stateRootsOf({ runc: '/a:/b/::/c/', crun: '' })).toEqual([
      { path: '/a', runtime: 'runc' },
      { path: '/b', runtime: 'runc' },
      { path: '/c', runtime: 'runc' },
    ]);
  });

  it('creates a resolver named runc', async () => {
    const ctx: PluginContext = {
      config: {},
      logger: silentLogger,
      scheduler: { now: () => 0, setTimer: () => () => undefined },
      roots: { runc: '/nonexistent' },
    };
    const resolver = await plugin.resolvers![0]!.create(ctx);
    expect(resolver.name).toBe('runc');
    expect(await resolver.list()).toEqual([]);
  });
});
