import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

// The dependency rule of DESIGN.md, enforced: core imports nothing; adapters import only core and
// sysfs; only composition and apps may import inversify, yargs or fastify.
const diFrameworks = ['inversify', '@inversifyjs/*', 'yargs', 'yargs/*', 'fastify', '@fastify/*', 'reflect-metadata'];

export const depConstraints = [
  { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:core'], allowedExternalImports: [] },
  { sourceTag: 'layer:sysfs', onlyDependOnLibsWithTags: ['layer:core'], bannedExternalImports: diFrameworks },
  {
    sourceTag: 'layer:adapter',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:sysfs'],
    bannedExternalImports: diFrameworks,
  },
  // Testing libraries: the public plugin kit, and the internal fixtures built on it.
  {
    sourceTag: 'layer:testing',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:sysfs', 'layer:testing'],
    bannedExternalImports: diFrameworks,
  },
  { sourceTag: 'layer:plugin', onlyDependOnLibsWithTags: ['layer:core'], bannedExternalImports: diFrameworks },
  {
    sourceTag: 'layer:composition',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:sysfs', 'layer:adapter'],
    bannedExternalImports: ['yargs', 'yargs/*', 'fastify', '@fastify/*'],
  },
  {
    sourceTag: 'layer:app',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:sysfs', 'layer:adapter', 'layer:composition', 'layer:plugin'],
  },
  { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['*'] },
];

// Tests may additionally use the testing kit (fakes, arbitraries, conformance suite).
const specConstraints = depConstraints.map((c) =>
  c.sourceTag === 'layer:tooling'
    ? c
    : {
        ...c,
        onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'layer:testing'],
        ...(c.allowedExternalImports
          ? { allowedExternalImports: ['vitest', 'fast-check', '@fast-check/vitest', 'ajv', 'ajv/*', 'node:*'] }
          : {}),
      },
);

const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [
      '^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$',
      '^.*/vitest\\.shared\\.mjs$',
      '^.*/cgroup-routes\\.mjs$',
      '^.*/run-ts-main\\.mjs$',
    ],
    depConstraints: constraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/vitest.config.*.timestamp*', '**/test-output', '**/node_modules'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core does no I/O: Node built-ins are as banned there as any package.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...builtinModules], message: 'packages/core does no I/O and imports nothing.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int.spec.ts',
      '**/*.spec-helper.ts',
      '**/*.conformance.ts',
      '**/vitest.config.mts',
      '**/vitest.*.config.mts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(specConstraints),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
