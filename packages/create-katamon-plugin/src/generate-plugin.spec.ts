import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlugin, ownVersion } from './generate-plugin.js';
import { main } from './main.js';
import { pluginNames } from './plugin-names.js';
import { TOOLCHAIN } from './toolchain.js';

const workspace = join(import.meta.dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
const scratch = () => mkdtempSync(join(tmpdir(), 'katamon-create-plugin-'));

describe(pluginNames, () => {
  it.each([
    ['katamon-plugin-acme', 'acme'],
    ['@acme/katamon-plugin-ps', 'ps'],
    ['lxc-katamon-plugin', 'lxc'],
    ['pidfiles', 'pidfiles'],
  ])('takes %s (kind %s)', (name, kind) => expect(pluginNames(name)).toEqual({ name, kind }));

  it.each(['Acme', 'katamon plugin', '@acme', '', 'katamon-plugin-', 'x'.repeat(215), 'katamon-plugin-a.b'])(
    'refuses %j, saying why',
    (name) => expect(() => pluginNames(name)).toThrow(/npm package name|short name/),
  );
});

describe(generatePlugin, () => {
  it('writes a project whose names, core range and toolchain are filled in', () => {
    const dir = join(scratch(), 'katamon-plugin-acme');
    const files = generatePlugin({ dir });
    expect(files.sort()).toEqual(
      [
        '.gitignore',
        'README.md',
        'package.json',
        'src/index.ts',
        'src/pid-file-resolver.spec.ts',
        'src/pid-file-resolver.ts',
        'src/process-source.spec.ts',
        'src/process-source.ts',
        'tsconfig.build.json',
        'tsconfig.json',
      ].sort(),
    );
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/__[A-Z_]+__/);
    const manifest = readJson(join(dir, 'package.json'));
    const range = `^${ownVersion()}`;
    expect(manifest['name']).toBe('katamon-plugin-acme');
    expect(manifest['peerDependencies']).toEqual({ '@katamon/core': range });
    expect(manifest['devDependencies']).toEqual({
      '@katamon/core': range,
      '@katamon/core-testing': range,
      ...TOOLCHAIN,
    });
    const index = readFileSync(join(dir, 'src/index.ts'), 'utf8');
    expect(index).toContain("name: 'katamon-plugin-acme'");
    expect(index).toContain(`coreRange: '${range}'`);
    expect(readFileSync(join(dir, 'src/pid-file-resolver.ts'), 'utf8')).toContain("RESOLVER_NAME = 'acme'");
  });

  it('builds with the TypeScript, vitest and Node types katamon itself uses', () => {
    const own = readJson(join(workspace, 'package.json'))['devDependencies'] ?? {};
    for (const [pkg, range] of Object.entries(TOOLCHAIN)) expect(range, pkg).toBe(own[pkg]);
  });

  it('refuses a directory in use or a bad name, writing nothing', () => {
    const used = scratch();
    writeFileSync(join(used, 'keep.txt'), 'mine');
    expect(() => generatePlugin({ dir: used, name: 'katamon-plugin-x' })).toThrow(`${used} is not empty`);
    const empty = join(scratch(), 'new');
    mkdirSync(empty);
    expect(() => generatePlugin({ dir: empty, name: 'Bad Name' })).toThrow(/not a valid npm package name/);
    expect(() => readFileSync(join(empty, 'package.json'))).toThrow(/ENOENT/);
  });
});

describe(main, () => {
  const run = (args: string[], cwd = '/') => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, cwd);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('generates into the named directory with the given npm name', () => {
    const parent = scratch();
    const result = run([join(parent, 'p'), '--name', '@acme/katamon-plugin-ps'], parent);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('created p: package.json');
    expect(readJson(join(parent, 'p', 'package.json'))['name']).toBe('@acme/katamon-plugin-ps');
  });

  it('answers usage errors with status 2 and failures with status 1, one line each', () => {
    expect(run([]).code).toBe(2);
    expect(run(['a', 'b']).code).toBe(2);
    expect(run(['--frobnicate', 'a']).code).toBe(2);
    const bad = run([join(scratch(), 'Bad Name')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^create-katamon-plugin: "Bad Name" is not a valid npm package name/);
    expect(run(['--version']).out).toBe(ownVersion());
  });
});
