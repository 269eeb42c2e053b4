import { BUILTIN_NAMES, loadBuiltinPlugins, type BuiltinChoice } from './builtin-plugins.js';
import { defaultRoots } from './default-roots.js';

const choice = (extra: Partial<BuiltinChoice>): BuiltinChoice => ({
  roots: defaultRoots,
  givenRoots: [],
  discover: 'all',
  network: true,
  exists: () => false,
  ...extra,
});
const names = async (c?: BuiltinChoice) => (await loadBuiltinPlugins(c)).manifests.map((m) => m.name);

describe(loadBuiltinPlugins, () => {
  it('loads every first-party adapter without a choice, in merge-fallback order', async () => {
    expect(await names()).toEqual(BUILTIN_NAMES);
  });

  it('leaves kata-agent out, with the reason, where no Kata root exists', async () => {
    const { manifests, skipped } = await loadBuiltinPlugins(choice({}));
    expect(manifests.map((m) => m.name)).not.toContain('@katamon/kata-agent');
    expect(skipped).toEqual([
      {
        engine: 'kata',
        found: false,
        detail: 'no /run/vc or /run/kata: no Kata on this host',
        paths: [
          { role: 'Kata root', path: '/run/vc', found: false },
          { role: 'Kata root', path: '/run/kata', found: false },
        ],
      },
    ]);
    expect(await names(choice({ exists: (p) => p === '/run/kata' }))).toContain('@katamon/kata-agent');
    expect(await names(choice({ givenRoots: ['kataShim'] }))).toContain('@katamon/kata-agent');
    expect(await names(choice({ discover: ['runc'], exists: () => true }))).not.toContain('@katamon/kata-agent');
  });

  it('leaves netns out when the caller prints no network data', async () => {
    const { manifests, skipped } = await loadBuiltinPlugins(choice({ network: false, exists: () => true }));
    expect(manifests.map((m) => m.name)).toEqual(BUILTIN_NAMES.filter((n) => n !== '@katamon/netns'));
    expect(skipped).toEqual([]);
  });
});
