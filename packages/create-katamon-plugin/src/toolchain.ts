/**
 * What a generated project builds and tests with: the versions katamon itself is built and tested with (a test
 * keeps them equal to the workspace's), so a generated plugin meets no toolchain katamon has not met.
 */
export const TOOLCHAIN: Readonly<Record<string, string>> = Object.freeze({
  '@types/node': '^20.19.43',
  typescript: '~6.0.3',
  vitest: '~4.1.0',
});

/** The Node.js versions generated plugins (and katamon) run on. */
export const NODE_ENGINES = '>=20.19';
