import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_VERSION } from './version.js';

// Plugins' coreRange is checked against CORE_VERSION, and npm checks peer ranges against package.json: the two
// must never disagree, or a plugin npm installs happily is refused at load (or the other way round).
describe('CORE_VERSION', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };

  it('is the version of the @katamon/core package', () => {
    expect(CORE_VERSION).toBe(pkg.version);
  });

  it('is a plain semver release (MAJOR.MINOR.PATCH)', () => {
    expect(CORE_VERSION).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/);
  });
});
