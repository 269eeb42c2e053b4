import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_API_VERSION } from '@katamon/core';

/** A third-party plugin module written as source text, the way a user's plugin file sits on disk. */
export interface PluginModuleSpec {
  /** The manifest's name. */
  name: string;
  /**
   * Each source, as the JavaScript expression its factory returns (it may use `ctx`), for example
   * `{ name: 'x/source', probe: () => 'handle', collect: async () => ({ stats: {} }) }`.
   */
  sources?: readonly string[];
  /** Each resolver, likewise. */
  resolvers?: readonly string[];
  /** Statements run when the module is imported, before the manifest is exported (helpers, or misbehaviour). */
  prelude?: string;
}

/**
 * Writes `dir/file` as an ES module exporting `plugin` (no imports: it needs nothing installed) and returns
 * its path, for tests that load plugins the way katamon does, from files.
 */
export function writePluginModule(dir: string, file: string, spec: PluginModuleSpec): string {
  const factories = (list: readonly string[] = []) =>
    list.map((expr, i) => `    { kind: 'k${i}', create: (ctx) => (${expr}) },`).join('\n');
  const text = [
    spec.prelude ?? '',
    'export const plugin = {',
    `  name: ${JSON.stringify(spec.name)},`,
    `  apiVersion: ${JSON.stringify(PLUGIN_API_VERSION)},`,
    "  coreRange: '^0.1.0',",
    `  sources: [\n${factories(spec.sources)}\n  ],`,
    `  resolvers: [\n${factories(spec.resolvers)}\n  ],`,
    '};',
    '',
  ].join('\n');
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
}
