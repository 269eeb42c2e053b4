import { PLUGIN_API_VERSION, type PluginManifest } from '@katamon/core';
import satisfies from 'semver/functions/satisfies.js';
import { validateManifests } from './validate-manifests.js';
import { apiVersionProblem, caretSatisfies } from './plugin-compatibility.js';

const source = {
  kind: 'src',
  create: () => ({ name: 'src', probe: () => 'skip' as const, collect: async () => ({ stats: {} }) }),
};
const manifest = (name: string, extra: Partial<PluginManifest> = {}): PluginManifest => ({
  name,
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '^0.1.0',
  sources: [source],
  ...extra,
});
const rejectedOf = (candidates: unknown[]) =>
  validateManifests(candidates, '0.1.0').rejected.map((r) => [r.name, r.error.code, r.error.message]);

describe(validateManifests, () => {
  it('accepts valid manifests in the order given', () => {
    const { accepted, rejected } = validateManifests([manifest('a'), manifest('b')], '0.1.0');
    expect(accepted.map((m) => m.name)).toEqual(['a', 'b']);
    expect(rejected).toEqual([]);
  });

  it.each([
    [42, '#0', 'plugin "#0": the manifest is not an object'],
    [{ ...manifest('x'), name: '' }, '#0', 'plugin "#0": `name` must be a non-empty string'],
    [{ ...manifest('acme'), apiVersion: undefined }, 'acme', 'plugin "acme": `apiVersion` must be a string'],
    [{ ...manifest('acme'), coreRange: 1 }, 'acme', 'plugin "acme": `coreRange` must be a string'],
    [
      manifest('acme', { requires: [1] as never }),
      'acme',
      'plugin "acme": `requires` must be an array of plugin names',
    ],
    [manifest('acme', { sources: {} as never }), 'acme', 'plugin "acme": `sources` must be an array'],
    [
      manifest('acme', { sources: [{ kind: 'k' } as never] }),
      'acme',
      'plugin "acme": sources[0].create must be a function',
    ],
    [
      manifest('acme', { resolvers: [{ kind: '', create: () => 1 } as never] }),
      'acme',
      'plugin "acme": resolvers[0].kind must be a non-empty string',
    ],
    [manifest('acme', { sources: [source, source] }), 'acme', 'plugin "acme": sources has two factories of kind "src"'],
    [manifest('acme', { sources: [] }), 'acme', 'plugin "acme": the manifest declares no sources and no resolvers'],
  ])('rejects a malformed manifest with KATAMON_PLUGIN_SHAPE (%#)', (candidate, name, message) => {
    expect(rejectedOf([candidate])).toEqual([[name, 'KATAMON_PLUGIN_SHAPE', message]]);
  });

  it('rejects another apiVersion with KATAMON_PLUGIN_API_VERSION, saying what to install', () => {
    const api = (apiVersion: unknown) => ({ ...manifest('acme'), apiVersion }) as PluginManifest;
    expect(rejectedOf([api('katamon.plugin/v2'), api('katamon.plugin/v0'), api(1)]).map((r) => r[2])).toEqual([
      'plugin "acme": apiVersion "katamon.plugin/v2" is newer than this katamon\'s "katamon.plugin/v1": upgrade katamon, or install an older version of acme',
      'plugin "acme": apiVersion "katamon.plugin/v0" is not a katamon plugin API: set it to PLUGIN_API_VERSION from @katamon/core ("katamon.plugin/v1")',
      'plugin "acme": `apiVersion` must be a string',
    ]);
    expect(rejectedOf([api('v1')])).toEqual([
      [
        'acme',
        'KATAMON_PLUGIN_API_VERSION',
        'plugin "acme": apiVersion "v1" is not a katamon plugin API: set it to PLUGIN_API_VERSION from @katamon/core ("katamon.plugin/v1")',
      ],
    ]);
  });

  it('rejects a core outside the range, or a range that is not one, with KATAMON_PLUGIN_CORE_RANGE', () => {
    expect(
      rejectedOf([
        manifest('acme', { coreRange: '^2.0.0' }),
        manifest('old', { coreRange: '^0.0.3' }),
        manifest('beta', { coreRange: 'soon' }),
      ]),
    ).toEqual([
      [
        'acme',
        'KATAMON_PLUGIN_CORE_RANGE',
        'plugin "acme": needs @katamon/core ^2.0.0, but this katamon has core 0.1.0: upgrade katamon, or install a version of acme whose coreRange includes 0.1.0',
      ],
      [
        'old',
        'KATAMON_PLUGIN_CORE_RANGE',
        'plugin "old": supports @katamon/core ^0.0.3, but this katamon has core 0.1.0: install a version of old built for @katamon/core ^0.1.0',
      ],
      [
        'beta',
        'KATAMON_PLUGIN_CORE_RANGE',
        'plugin "beta": coreRange "soon" is not a semver range: set it to the @katamon/core range the plugin was built for, e.g. "^0.1.0"',
      ],
    ]);
    expect(validateManifests([manifest('acme', { coreRange: '>=0.1.0 <1' })], '0.1.0').accepted).toHaveLength(1);
  });

  it('tells a plugin for an older API to upgrade (once core speaks a later one)', () => {
    expect(apiVersionProblem('acme', 'katamon.plugin/v1', '2.0.0', 'katamon.plugin/v2')).toBe(
      'apiVersion "katamon.plugin/v1" is older than this katamon\'s "katamon.plugin/v2": install a version of acme built for @katamon/core ^2.0.0',
    );
    expect(apiVersionProblem('acme', 'katamon.plugin/v2', '2.0.0', 'katamon.plugin/v2')).toBeUndefined();
  });

  it('keeps the first of two plugins with one name and rejects the second with KATAMON_PLUGIN_DUPLICATE', () => {
    const first = manifest('acme');
    const { accepted, rejected } = validateManifests([first, manifest('acme')], '0.1.0');
    expect(accepted).toEqual([first]);
    expect(rejected.map((r) => [r.error.code, r.error.message])).toEqual([
      ['KATAMON_PLUGIN_DUPLICATE', 'plugin "acme": a plugin of this name is already loaded'],
    ]);
  });

  it('orders plugins after what they require and rejects unmet requirements with KATAMON_PLUGIN_REQUIRES', () => {
    const { accepted, rejected } = validateManifests(
      [
        manifest('needs-base', { requires: ['base'] }),
        manifest('base'),
        manifest('orphan', { requires: ['ghost'] }),
        manifest('needs-orphan', { requires: ['orphan'] }),
        manifest('ping', { requires: ['pong'] }),
        manifest('pong', { requires: ['ping'] }),
        manifest('needs-bad', { requires: ['bad'] }),
        manifest('bad', { coreRange: '^9' }),
      ],
      '0.1.0',
    );
    expect(accepted.map((m) => m.name)).toEqual(['base', 'needs-base']);
    expect(rejected.map((r) => [r.name, r.error.code, r.error.message])).toEqual([
      [
        'bad',
        'KATAMON_PLUGIN_CORE_RANGE',
        'plugin "bad": needs @katamon/core ^9, but this katamon has core 0.1.0: upgrade katamon, or install a version of bad whose coreRange includes 0.1.0',
      ],
      ['orphan', 'KATAMON_PLUGIN_REQUIRES', 'plugin "orphan": requires "ghost" (not loaded)'],
      [
        'needs-orphan',
        'KATAMON_PLUGIN_REQUIRES',
        'plugin "needs-orphan": requires "orphan" (circular or not loadable)',
      ],
      ['ping', 'KATAMON_PLUGIN_REQUIRES', 'plugin "ping": requires "pong" (circular or not loadable)'],
      ['pong', 'KATAMON_PLUGIN_REQUIRES', 'plugin "pong": requires "ping" (circular or not loadable)'],
      ['needs-bad', 'KATAMON_PLUGIN_REQUIRES', 'plugin "needs-bad": requires "bad" (not loaded)'],
    ]);
    for (const r of rejected) expect(r.error.kind).toBe('plugin');
  });
});

describe(caretSatisfies, () => {
  const versions = [
    '0.0.0',
    '0.0.3',
    '0.0.4',
    '0.1.0',
    '0.1.5',
    '0.2.0',
    '0.2.3',
    '0.3.0',
    '1.0.0',
    '1.2.2',
    '1.2.3',
    '1.9.0',
    '2.0.0',
    '10.0.0',
  ];
  const ranges = ['^0.0.3', '^0.1.0', '^0.2.3', '^1.2.3', '^1.0.0', '^0.0.0', '^10.0.0'];
  it.each(ranges.flatMap((range) => versions.map((version) => [version, range] as const)))(
    '%s against %s agrees with semver',
    (version, range) => {
      expect(caretSatisfies(version, range)).toBe(satisfies(version, range));
    },
  );

  it.each([
    ['0.1.0', '>=0.1.0 <1'],
    ['0.1.0', '^0.1'],
    ['0.1.0', '^01.0.0'],
    ['0.1.0', '~0.1.0'],
    ['0.1.0-rc.1', '^0.1.0'],
    ['0.1.0', '^0.1.0-rc.1'],
    ['0.1.0', ' ^0.1.0'],
  ])('leaves %s against %s to semver', (version, range) => {
    expect(caretSatisfies(version, range)).toBeUndefined();
  });
});
