import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';
import { loadPlugins } from './load-plugins.js';

describe('loadPlugins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-cli-plugins-'));
  writeFileSync(join(dir, 'named.mjs'), 'export const plugin = { name: "named" };\n');
  writeFileSync(join(dir, 'default.mjs'), 'export default { name: "dflt" };\n');
  writeFileSync(join(dir, 'empty.mjs'), 'export const other = 1;\n');

  it('imports paths relative to the working directory or absolute, and takes the `plugin` export', async () => {
    const manifests = await loadPlugins(['./named.mjs', join(dir, 'named.mjs')], dir);
    expect(manifests.map((m) => m.name)).toEqual(['named', 'named']);
    await expect(loadPlugins(['./default.mjs'], dir)).rejects.toThrow('has no "plugin" export');
  });

  it('reports a missing module or a module without a manifest as a plugin error', async () => {
    await expect(loadPlugins(['./missing.mjs'], dir)).rejects.toSatisfy(
      (e: unknown) => KatamonError.isKind(e, 'plugin') && (e as Error).message.startsWith('cannot load plugin module "./missing.mjs"'),
    );
    await expect(loadPlugins(['./empty.mjs'], dir)).rejects.toThrow('plugin module "./empty.mjs" has no "plugin" export');
    await expect(loadPlugins(['katamon-no-such-package'], dir)).rejects.toThrow('cannot load plugin module "katamon-no-such-package"');
  });
});
