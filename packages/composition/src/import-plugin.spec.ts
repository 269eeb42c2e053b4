import { importPlugin } from './import-plugin.js';

describe(importPlugin, () => {
  it('returns the `plugin` export', async () => {
    await expect(importPlugin('acme', async () => ({ plugin: { name: 'acme' } }))).resolves.toEqual({ name: 'acme' });
  });

  it('fails with KATAMON_PLUGIN_IMPORT when the import fails or exports no plugin', async () => {
    await expect(
      importPlugin('./nowhere.js', () => Promise.reject(new Error('Cannot find module'))),
    ).rejects.toMatchObject({
      kind: 'plugin',
      code: 'KATAMON_PLUGIN_IMPORT',
      message: 'plugin "./nowhere.js": cannot be imported: Cannot find module',
    });
    await expect(importPlugin('acme', async () => ({ default: {} }))).rejects.toMatchObject({
      code: 'KATAMON_PLUGIN_IMPORT',
      message: 'plugin "acme": the module has no `plugin` export',
    });
  });

  it('imports a real module by specifier', async () => {
    await expect(importPlugin('@katamon/core')).rejects.toMatchObject({ code: 'KATAMON_PLUGIN_IMPORT' });
    await expect(importPlugin('@katamon/no-such-package')).rejects.toMatchObject({ code: 'KATAMON_PLUGIN_IMPORT' });
  });
});
