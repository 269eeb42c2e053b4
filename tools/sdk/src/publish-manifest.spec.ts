import { publishManifest } from './publish-manifest.js';

describe(publishManifest, () => {
  const workspaceManifest = {
    name: '@katamon/kit',
    version: '1.2.3',
    exports: {
      './package.json': './package.json',
      '.': { '@katamon/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
      './extra': [{ '@katamon/source': './src/extra.ts', import: './dist/extra.js' }, './dist/extra.js'],
    },
    dependencies: { '@katamon/core': '^1.2.3' },
    devDependencies: { '@katamon/test-fixtures': '*' },
    nx: { tags: ['layer:testing'] },
  };

  it('drops what only the workspace uses: the source condition, dev dependencies, Nx settings', () => {
    expect(publishManifest(workspaceManifest)).toEqual({
      name: '@katamon/kit',
      version: '1.2.3',
      exports: {
        './package.json': './package.json',
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './extra': [{ import: './dist/extra.js' }, './dist/extra.js'],
      },
      dependencies: { '@katamon/core': '^1.2.3' },
    });
  });

  it.each([
    [{ dependencies: { '@katamon/core': '*' } }, 'dependencies.@katamon/core is "*"'],
    [{ peerDependencies: { x: 'file:../x' } }, 'peerDependencies.x is "file:../x"'],
    [{ optionalDependencies: { y: 'workspace:^' } }, 'optionalDependencies.y is "workspace:^"'],
    [{ private: true }, 'is private'],
  ])('refuses what only the workspace satisfies (%#)', (extra, message) => {
    expect(() => publishManifest({ ...workspaceManifest, ...extra })).toThrow(message);
  });
});
