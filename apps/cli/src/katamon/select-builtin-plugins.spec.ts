import { silentLogger } from '@katamon/core';
import { BUILTIN_LOADERS, loadBuiltins, wantedBuiltins } from './select-builtin-plugins.js';

describe('built-in adapters the CLI loads', () => {
  it('lists exactly composition’s built-ins, in its order', async () => {
    // Imported lazily, as the CLI does (a static import here would defeat the bundle's lazy loading).
    const { builtinPlugins } = await import('@katamon/composition');
    const theirs = (await builtinPlugins(silentLogger)).map((m) => m.name);
    const ours = (
      await loadBuiltins(
        BUILTIN_LOADERS.map(([n]) => n),
        silentLogger,
      )
    ).map((m) => m.name);
    expect(ours).toEqual(theirs);
  });

  it('leaves out kata-agent without a Kata root and netns when the output prints no network', () => {
    const all = BUILTIN_LOADERS.map(([n]) => n);
    expect(
      wantedBuiltins({ needs: {}, kataRoots: ['/run/vc', '/x:/run/kata'], exists: (p) => p === '/run/kata' }),
    ).toEqual(all);
    expect(wantedBuiltins({ needs: {}, kataRoots: ['/run/vc'], exists: () => false })).not.toContain(
      '@katamon/kata-agent',
    );
    expect(wantedBuiltins({ needs: { network: false }, kataRoots: ['/run/vc'], exists: () => true })).toEqual(
      all.filter((n) => n !== '@katamon/netns'),
    );
  });
});
