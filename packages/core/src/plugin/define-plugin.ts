import type { PluginManifest } from './plugin-manifest.js';

/** Identity helper that types (and freezes) a manifest; validation happens in the composition root. */
export function definePlugin<TManifest extends PluginManifest>(manifest: TManifest): Readonly<TManifest> {
  return Object.freeze(manifest);
}
