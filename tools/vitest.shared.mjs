// One vitest project definition for every workspace project. Tests resolve workspace packages
// through the `@katamon/source` export condition, so they run against sources without a build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const FAST_CHECK_SETUP = fileURLToPath(new URL('./vitest.fast-check-setup.mjs', import.meta.url));

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
      // No retries, here or in CI: a test that needs a second try is a test (or a product) with a race to fix.
      retry: 0,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...overrides,
      setupFiles: [FAST_CHECK_SETUP, ...(overrides.setupFiles ?? [])],
    },
  });
}
