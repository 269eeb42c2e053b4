#!/usr/bin/env node
// Scaffolds one workspace project the way every katamon project is laid out:
// node tools/new-project.mjs <dir> <npm-name> <tag> [description]
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [dir, name, tag, description = ''] = process.argv.slice(2);
if (!dir || !name || !tag) {
  console.error('usage: new-project.mjs <dir> <npm-name> <tag> [description]');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const abs = join(root, dir);
const up = relative(abs, root) || '.';
if (existsSync(join(abs, 'package.json'))) {
  console.error(`${dir} already exists`);
  process.exit(1);
}
mkdirSync(join(abs, 'src'), { recursive: true });
const json = (f, v) => writeFileSync(join(abs, f), JSON.stringify(v, null, 2) + '\n');
json('package.json', {
  name,
  version: '0.1.0',
  description,
  private: true,
  type: 'module',
  main: './dist/index.js',
  types: './dist/index.d.ts',
  exports: {
    './package.json': './package.json',
    '.': {
      '@katamon/source': './src/index.ts',
      types: './dist/index.d.ts',
      import: './dist/index.js',
      default: './dist/index.js',
    },
  },
  files: ['dist', 'schemas', '!**/*.tsbuildinfo'],
  dependencies: {},
  nx: { tags: [tag] },
});
json('tsconfig.json', {
  extends: `${up}/tsconfig.base.json`,
  files: [],
  include: [],
  references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }],
});
json('tsconfig.lib.json', {
  extends: `${up}/tsconfig.base.json`,
  compilerOptions: {
    rootDir: 'src',
    outDir: 'dist',
    tsBuildInfoFile: 'dist/tsconfig.lib.tsbuildinfo',
    emitDeclarationOnly: false,
    types: ['node'],
  },
  include: ['src/**/*.ts'],
  references: [],
  exclude: ['vitest.config.mts', 'src/**/*.spec.ts'],
});
json('tsconfig.spec.json', {
  extends: `${up}/tsconfig.base.json`,
  compilerOptions: {
    outDir: './out-tsc/vitest',
    types: ['vitest/globals', 'vitest/importMeta', 'node', 'vitest'],
  },
  include: ['vitest.config.mts', 'src/**/*.spec.ts', 'src/**/*.d.ts'],
  references: [{ path: './tsconfig.lib.json' }],
});
writeFileSync(
  join(abs, 'vitest.config.mts'),
  `import { defineProject } from '${up}/tools/vitest.shared.mjs';\n\nexport default defineProject(import.meta.dirname, '${name}');\n`,
);
writeFileSync(
  join(abs, 'eslint.config.mjs'),
  `import baseConfig from '${up}/eslint.config.mjs';\n\nexport default [...baseConfig];\n`,
);
writeFileSync(join(abs, 'src/index.ts'), `export {};\n`);
// register in the root solution tsconfig
const rootTs = join(root, 'tsconfig.json');
const ts = JSON.parse(readFileSync(rootTs, 'utf8'));
if (!ts.references.some((r) => r.path === `./${dir}`)) ts.references.push({ path: `./${dir}` });
writeFileSync(rootTs, JSON.stringify(ts, null, 2) + '\n');
console.log(`created ${dir} (${name}, ${tag})`);
