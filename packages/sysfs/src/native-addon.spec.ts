import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BATCH_ADDON } from './native-batch.js';
import { loadNativeAddon, nativeAddonFile, reportNativeAddonsTo, type NativeAddonSpec } from './native-addon.js';

describe('loadNativeAddon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-addon-'));
  const warnings: [string, Record<string, unknown> | undefined][] = [];
  beforeAll(() => reportNativeAddonsTo({ warn: (message, fields) => warnings.push([message, fields]) }));
  beforeEach(() => (warnings.length = 0));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = (name: string, file = join(dir, `${name}.node`)): NativeAddonSpec<{ readBatch: unknown }> => ({
    name,
    sourceBuild: () => pathToFileURL(file),
    accepts: (exports): exports is { readBatch: unknown } => typeof exports.readBatch === 'function',
    fallback: 'the JavaScript way',
  });

  it('loads the package build from the sources (what npm ci compiled)', () => {
    expect(nativeAddonFile(BATCH_ADDON)).toMatch(/packages\/sysfs\/native\/build\/Release\/katamon_sysfs\.node$/);
    expect(loadNativeAddon(BATCH_ADDON)?.readBatch).toBeTypeOf('function');
    expect(warnings).toEqual([]);
  });

  it('logs a missing build once, with its fallback and where it looked, and returns undefined', () => {
    const missing = spec('katamon_missing');
    expect(loadNativeAddon(missing)).toBeUndefined();
    expect(loadNativeAddon(missing)).toBeUndefined();
    expect(warnings).toEqual([
      [
        'native addon katamon_missing not loaded: the JavaScript way',
        { addon: join(dir, 'katamon_missing.node'), reason: 'not built' },
      ],
    ]);
  });

  it('logs a file that does not load (another platform, a broken file) with the loader’s reason', () => {
    writeFileSync(join(dir, 'katamon_broken.node'), 'not an ELF file');
    expect(loadNativeAddon(spec('katamon_broken'))).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.[1]?.['reason']).toMatch(/invalid ELF header|file too short/);
  });

  it('refuses a build without the functions this version calls', () => {
    const vsock = join(
      import.meta.dirname,
      '..',
      '..',
      'kata-agent',
      'native',
      'build',
      'Release',
      'katamon_vsock.node',
    );
    expect(loadNativeAddon(spec('katamon_other', vsock))).toBeUndefined();
    expect(warnings[0]?.[1]?.['reason']).toMatch(/older build/);
  });

  it('stays quiet when KATAMON_NATIVE=0 turns addons off', () => {
    expect(loadNativeAddon(spec('katamon_off'), { KATAMON_NATIVE: '0' })).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
