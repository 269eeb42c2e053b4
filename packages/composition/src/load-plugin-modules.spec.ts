import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPluginModules } from './load-plugin-modules.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-plugin-modules-'));
writeFileSync(join(dir, 'good.mjs'), "export const plugin = { name: 'good' };\n");
writeFileSync(join(dir, 'no-export.mjs'), 'export const other = 1;\n');
writeFileSync(join(dir, 'throws.mjs'), "throw new Error('boom at import');\n");

describe(loadPluginModules, () => {
  it('loads paths (relative to cwd, absolute, file: URLs) and package names, in order', async () => {
    // In this thread: under vitest the workspace package resolves to its TypeScript sources, which a worker's
    // plain Node cannot import (users load its built dist; the e2e tests load it isolated).
    const { plugins, failures } = await loadPluginModules(
      ['./good.mjs', join(dir, 'good.mjs'), `file://${join(dir, 'good.mjs')}`, 'katamon-plugin-json-file'],
      { cwd: dir, isolate: false },
    );
    expect(failures).toEqual([]);
    expect(plugins.map((p) => (p as { name: string }).name)).toEqual([
      'good',
      'good',
      'good',
      'katamon-plugin-json-file',
    ]);
  });

  it('turns each broken module into a failure naming it, and still loads the others', async () => {
    const { plugins, failures } = await loadPluginModules(
      ['./no-export.mjs', './throws.mjs', 'no-such-katamon-plugin', './good.mjs'],
      {
        cwd: dir,
      },
    );
    expect(plugins).toHaveLength(1);
    expect(failures.map((f) => [f.name, f.error.code])).toEqual([
      ['./no-export.mjs', 'KATAMON_PLUGIN_IMPORT'],
      ['./throws.mjs', 'KATAMON_PLUGIN_IMPORT'],
      ['no-such-katamon-plugin', 'KATAMON_PLUGIN_IMPORT'],
    ]);
    expect(failures[0]?.error.message).toMatch(/the module has no `plugin` export/);
    expect(failures[1]?.error.message).toMatch(/cannot be imported: boom at import/);
    expect(failures[2]?.error.message).toMatch(/^plugin "no-such-katamon-plugin": cannot be imported/);
  });
});
