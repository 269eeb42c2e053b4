import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPluginModules } from './load-plugin-modules.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-plugin-modules-'));
writeFileSync(join(dir, 'good.mjs'), "export const plugin = { name: 'good' };\n");
writeFileSync(join(dir, 'no-export.mjs'), 'export const other = 1;\n');
writeFileSync(join(dir, 'throws.mjs'), "throw new Error('boom at import');\n");
// An installed package whose exports offer only `import`: what `npm install` leaves in node_modules.
const installed = join(dir, 'node_modules', 'katamon-plugin-installed');
mkdirSync(installed, { recursive: true });
writeFileSync(
  join(installed, 'package.json'),
  JSON.stringify({ name: 'katamon-plugin-installed', type: 'module', exports: { '.': { import: './main.js' } } }),
);
writeFileSync(join(installed, 'main.js'), "export const plugin = { name: 'installed' };\n");

describe(loadPluginModules, () => {
  it.each([
    ['in this thread', false],
    ['isolated', true],
  ])(
    'loads paths (relative to cwd, absolute, file: URLs) and installed package names, in order (%s)',
    async (_, isolate) => {
      const { plugins, failures } = await loadPluginModules(
        ['./good.mjs', join(dir, 'good.mjs'), `file://${join(dir, 'good.mjs')}`, 'katamon-plugin-installed'],
        { cwd: dir, isolate },
      );
      expect(failures).toEqual([]);
      expect(plugins.map((p) => (p as { name: string }).name)).toEqual(['good', 'good', 'good', 'installed']);
    },
  );

  it('finds a package through NODE_PATH and through the config directory, not from elsewhere', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'katamon-plugin-elsewhere-'));
    const names = async (options: Parameters<typeof loadPluginModules>[1]) =>
      (await loadPluginModules(['katamon-plugin-installed'], { isolate: false, ...options })).plugins.length;
    expect(await names({ cwd: elsewhere, program: join(elsewhere, 'katamon.cjs') })).toBe(0);
    expect(await names({ cwd: elsewhere, nodePath: join(dir, 'node_modules'), program: '/katamon.cjs' })).toBe(1);
    expect(await names({ cwd: elsewhere, searchDirs: [dir], program: '/katamon.cjs' })).toBe(1);
  });

  it('gives package names to an injected importer as they are', async () => {
    const seen: string[] = [];
    const importer = async (spec: string) => (seen.push(spec), { plugin: { name: spec } });
    await loadPluginModules(['katamon-plugin-json-file', './good.mjs'], { cwd: dir, importer });
    expect(seen).toEqual(['katamon-plugin-json-file', pathToFileURL(join(dir, 'good.mjs')).href]);
  });

  it('turns each broken module into a failure naming it, and still loads the others', async () => {
    const { plugins, failures } = await loadPluginModules(
      ['./no-export.mjs', './throws.mjs', 'no-such-katamon-plugin', './missing.mjs', './good.mjs'],
      { cwd: dir, program: '/katamon.cjs', nodePath: '' },
    );
    expect(plugins).toHaveLength(1);
    expect(failures.map((f) => [f.name, f.error.code])).toEqual([
      ['./no-export.mjs', 'KATAMON_PLUGIN_IMPORT'],
      ['./throws.mjs', 'KATAMON_PLUGIN_IMPORT'],
      ['no-such-katamon-plugin', 'KATAMON_PLUGIN_IMPORT'],
      ['./missing.mjs', 'KATAMON_PLUGIN_IMPORT'],
    ]);
    expect(failures[0]?.error.message).toMatch(/the module has no `plugin` export/);
    expect(failures[1]?.error.message).toMatch(/cannot be imported: boom at import/);
    expect(failures[2]?.error.message).toBe(
      `plugin "no-such-katamon-plugin": is not installed (looked in ${dir} and its parents, beside katamon (/)): run "npm install no-such-katamon-plugin" in ${dir}, or name the plugin by its path`,
    );
    expect(failures[3]?.error.message).toBe(
      `plugin "./missing.mjs": no such file ${join(dir, 'missing.mjs')}: check the path (relative to ${dir})`,
    );
  });
});
