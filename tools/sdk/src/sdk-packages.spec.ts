import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import satisfies from 'semver/functions/satisfies.js';
import { CORE_VERSION } from '@katamon/core';
import { plugin as examplePlugin } from 'katamon-plugin-json-file';
import { EXAMPLE_PLUGIN, SDK_PACKAGES, WORKSPACE } from './sdk-packages.js';

type Manifest = Record<string, unknown> & {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(WORKSPACE, dir, 'package.json'), 'utf8')) as Manifest;
const license = readFileSync(join(WORKSPACE, 'LICENSE'), 'utf8');

// The SDK ships as one version: the generator writes `^<its version>` for core and the kit, and katamon checks
// plugins' coreRange against CORE_VERSION. One number out of step and a generated plugin is refused.
describe('the published packages', () => {
  const sdk = SDK_PACKAGES.map((p) => manifestOf(p.dir));

  it('share one version, which is the CORE_VERSION katamon checks plugins against', () => {
    expect(sdk.map((m) => [m.name, m.version])).toEqual(sdk.map((m) => [m.name, CORE_VERSION]));
  });

  it('depend on one another by that version, never by a workspace-only range', () => {
    const kit = sdk.find((m) => m.name === '@katamon/core-testing');
    expect(kit?.dependencies?.['@katamon/core']).toBe(`^${CORE_VERSION}`);
    const example = manifestOf(EXAMPLE_PLUGIN.dir);
    const range = example.peerDependencies?.['@katamon/core'] ?? '';
    expect(satisfies(CORE_VERSION, range), `example peer range ${range}`).toBe(true);
    expect(satisfies(CORE_VERSION, examplePlugin.coreRange), `example coreRange ${examplePlugin.coreRange}`).toBe(true);
  });

  it.each([...SDK_PACKAGES, EXAMPLE_PLUGIN].map((p) => [p.dir]))('%s: MIT, the LICENSE, a README, public', (dir) => {
    const manifest = manifestOf(dir);
    expect(manifest['license']).toBe('MIT');
    expect(manifest['private']).toBeUndefined();
    expect(readFileSync(join(WORKSPACE, dir, 'LICENSE'), 'utf8')).toBe(license);
    expect(readFileSync(join(WORKSPACE, dir, 'README.md'), 'utf8')).toMatch(new RegExp(`^# ${manifest.name}\\n`));
  });

  it('the root package says MIT too', () => {
    expect(manifestOf('.')['license']).toBe('MIT');
    expect(license).toMatch(/^MIT License\n/);
  });
});
