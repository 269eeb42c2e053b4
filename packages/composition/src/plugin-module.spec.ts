import { Container } from 'inversify';
import { PLUGIN_API_VERSION, silentLogger, type PluginManifest } from '@katamon/core';
import { createFakeScheduler } from '@katamon/core-testing';
import { pluginModule } from './plugin-module.js';
import { PluginLoadToken } from './tokens.js';

describe(pluginModule, () => {
  it('multi-binds each plugin load; factories run once (singleton), lazily on first resolution', async () => {
    const create = vi.fn(() => ({ name: 's', probe: () => 'skip' as const, collect: async () => ({ stats: {} }) }));
    const manifest = (name: string): PluginManifest => ({
      name,
      apiVersion: PLUGIN_API_VERSION,
      coreRange: '*',
      sources: [{ kind: 's', create }],
    });
    const ctx = { config: {}, logger: silentLogger, scheduler: createFakeScheduler(), roots: {} };
    const container = new Container();
    container.load(pluginModule(manifest('a'), ctx), pluginModule(manifest('b'), ctx));
    expect(create).not.toHaveBeenCalled();
    const loads = await container.getAllAsync(PluginLoadToken);
    expect(loads.map((l) => [l.name, l.ok])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    await container.getAllAsync(PluginLoadToken);
    expect(create).toHaveBeenCalledTimes(2);
  });
});
