// One vitest project definition for every workspace project. Tests resolve workspace packages
// through the `@katamon/source` export condition, so they run against sources without a build.
import { defineConfig } from 'vitest/config';

export function defineProject(dir, name, overrides = {}) {
  return defineConfig({
    root: dir,
    resolve: { conditions: ['@katamon/source', 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: ['@katamon/source', 'module', 'node', 'import', 'default'] } },
    test: {
      name,
      watch: false,
      globals: true,
      environment: 'node',
      include: ['src/**/*.spec.ts', 'tests/**/*.spec.ts'],
      reporters: ['default'],
      passWithNoTests: true,
      // CI runs real kernels, containers, VMs and browsers on a shared 2-core runner: a test whose timing lost
      // to the machine once gets one more try there (vitest reports the retry); locally nothing is retried.
      retry: process.env.CI ? 1 : 0,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
