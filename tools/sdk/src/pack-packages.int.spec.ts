import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackedPackages } from './pack-packages.js';
import { packSdkCached } from './pack-sdk.js';

const manifestIn = (tarball: string) =>
  JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<
    string,
    unknown
  >;

/** Every file an `exports` map (or `bin`) points at. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/^\.\//, '')];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(targets);
}

// What `npm pack` makes of the SDK: the files a user gets, and only those.
describe('the packed SDK', { timeout: 600_000 }, () => {
  let packed: PackedPackages;
  beforeAll(async () => {
    packed = await packSdkCached();
  }, 600_000);

  it('packs core, the kit, the generator and the example plugin', () => {
    expect(Object.keys(packed).sort()).toEqual(
      ['@katamon/core', '@katamon/core-testing', 'create-katamon-plugin', 'katamon-plugin-json-file'].sort(),
    );
  });

  it('ships built JS with .d.ts, a LICENSE and a README, and no sources, tests or build leftovers', () => {
    for (const { name, files } of Object.values(packed)) {
      expect(files, name).toEqual(
        expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']),
      );
      // (The generator's template is a project of its own, tests included.)
      const leftovers = files.filter(
        (f) => !f.startsWith('template/') && /(^src\/|\.spec\.|\.tsbuildinfo$|\.d\.ts\.map$|^node_modules\/)/.test(f),
      );
      expect(leftovers, name).toEqual([]);
      for (const js of files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')))
        expect(files, `${name}: types of ${js}`).toContain(js.replace(/\.js$/, '.d.ts'));
    }
    expect(packed['@katamon/core']?.files).toEqual(expect.arrayContaining(['schemas/kata.schema.json']));
    expect(packed['create-katamon-plugin']?.files).toEqual(
      expect.arrayContaining(['bin/create-katamon-plugin.js', 'template/src/index.ts', 'template/gitignore']),
    );
  });

  it('has a package.json with no workspace-only path, whose exports all exist', () => {
    for (const { name, tarball, files } of Object.values(packed)) {
      const manifest = manifestIn(tarball);
      const text = JSON.stringify(manifest);
      expect(text, name).not.toMatch(/@katamon\/source|workspace:|"\*"|\.\/src\//);
      expect(manifest['nx'], name).toBeUndefined();
      expect(manifest['devDependencies'], name).toBeUndefined();
      for (const file of targets([manifest['exports'], manifest['bin'], manifest['main'], manifest['types']])) {
        if (file.includes('*')) expect(files.some((f) => f.startsWith(file.split('*')[0] as string))).toBe(true);
        else expect(files, `${name} points at ${file}`).toContain(file);
      }
    }
  });

  it('installs outside the repository and imports with plain node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-sdk-install-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"private":true,"type":"module"}');
      const core = packed['@katamon/core']?.tarball as string;
      execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', core], {
        cwd: dir,
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      });
      const version = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', "import('@katamon/core').then((m) => console.log(m.CORE_VERSION))"],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(version.trim()).toBe(packed['@katamon/core']?.version);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
