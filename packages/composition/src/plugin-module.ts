import { ContainerModule } from 'inversify';
import type { PluginContext, PluginManifest } from '@katamon/core';
import { instantiatePlugin } from './instantiate-plugin.js';
import { PluginLoadToken } from './tokens.js';

/** One validated manifest as one ContainerModule: its factories run once, when the app is built. */
export function pluginModule(manifest: PluginManifest, ctx: PluginContext): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(PluginLoadToken)
      .toResolvedValue(() => instantiatePlugin(manifest, ctx))
      .inSingletonScope();
  });
}
