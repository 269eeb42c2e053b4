import {
  definePlugin,
  KatamonError,
  PLUGIN_API_VERSION,
  type ContainerRef,
  type PluginContext,
  type PluginManifest,
} from '@katamon/core';
import { createFakeScheduler } from '@katamon/core-testing';
import { builtinPlugins } from './builtin-plugins.js';
import { createKatamonFromPlugins } from './create-katamon-from-plugins.js';
import { defaultRoots } from './default-roots.js';

const ref = (id: string): ContainerRef => ({ id, runtime: 'acme', resolver: 'acme-list', status: 'running' });

/** A small, complete third-party style plugin: a resolver over fixed ids and a source giving pids. */
function acmePlugin(seen: PluginContext[] = []): PluginManifest {
  return definePlugin({
    name: '@acme/katamon-plugin',
    apiVersion: PLUGIN_API_VERSION,
    coreRange: '^0.1.0',
    resolvers: [
      {
        kind: 'list',
        create: (ctx) => {
          seen.push(ctx);
          const ids = ['acme-1111', 'acme-2222'];
          return {
            name: 'acme-list',
            match: async (q: string) => ids.filter((id) => id.startsWith(q)).map(ref),
            list: async () => ids.map(ref),
            refresh: async (r: ContainerRef) => r,
          };
        },
      },
    ],
    sources: [
      {
        kind: 'pids',
        create: async () => ({
          name: 'acme-pids',
          probe: (r: ContainerRef) => (r.runtime === 'acme' ? ('handle' as const) : ('skip' as const)),
          collect: async () => ({ stats: { pids: { current: 7n, limit: 0n } } }),
        }),
      },
    ],
  });
}

const base = { apiVersion: PLUGIN_API_VERSION, coreRange: '^0.1.0' } as const;
const throwingFactory: PluginManifest = {
  ...base,
  name: 'throws-on-create',
  sources: [
    {
      kind: 'boom',
      create: () => {
        throw new Error('no such device');
      },
    },
  ],
};
const wrongShape: PluginManifest = {
  ...base,
  name: 'wrong-shape',
  sources: [{ kind: 'half', create: () => ({ name: 'half', probe: () => 'handle' }) as never }],
};
const tooNew: PluginManifest = { ...base, name: 'too-new', coreRange: '^1.0.0', sources: acmePlugin().sources ?? [] };

describe(createKatamonFromPlugins, () => {
  it('builds a working Katamon from a plugin, handing it its config and the roots', async () => {
    const seen: PluginContext[] = [];
    const k = await createKatamonFromPlugins({
      plugins: [acmePlugin(seen)],
      roots: { runc: '/tmp/runc:/tmp/runc2' },
      config: { plugins: { '@acme/katamon-plugin': { file: '/etc/acme.json' } } },
      scheduler: createFakeScheduler(),
    });
    const found = await k.resolve('acme-2');
    expect(found.id).toBe('acme-2222');
    expect((await k.sample(found)).stats.pids).toEqual({ current: 7n, limit: 0n });
    expect((await k.list()).map((r) => r.id)).toEqual(['acme-1111', 'acme-2222']);
    expect(seen[0]?.config).toEqual({ file: '/etc/acme.json' });
    expect(seen[0]?.roots).toEqual({ ...defaultRoots, runc: '/tmp/runc:/tmp/runc2' });
    expect(seen[0]?.givenRoots).toEqual(['runc']);
    expect(seen[0]?.discover).toBe('all');
    expect(k.health()).toEqual({
      plugins: [{ name: '@acme/katamon-plugin', ok: true }],
      sources: ['acme-pids'],
      resolvers: ['acme-list'],
    });
    expect(await k.probeHost?.()).toEqual([]);
    await k.close();
  });

  it('keeps working plugins working next to broken ones, reporting each broken one with its code', async () => {
    const logged: unknown[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (m: string, f?: unknown) => void logged.push([m, f]),
    };
    const k = await createKatamonFromPlugins({
      plugins: [throwingFactory, acmePlugin(), wrongShape, tooNew, acmePlugin(), { name: 'junk' }],
      scheduler: createFakeScheduler(),
      logger,
    });
    expect(k.health().plugins).toEqual([
      {
        name: 'throws-on-create',
        ok: false,
        error: {
          code: 'KATAMON_PLUGIN_CREATE',
          message: 'plugin "throws-on-create": factory "boom" failed: no such device',
        },
      },
      { name: '@acme/katamon-plugin', ok: true },
      {
        name: 'wrong-shape',
        ok: false,
        error: {
          code: 'KATAMON_PLUGIN_SHAPE',
          message: 'plugin "wrong-shape": source "half": `collect` must be a function',
        },
      },
      {
        name: 'too-new',
        ok: false,
        error: {
          code: 'KATAMON_PLUGIN_CORE_RANGE',
          message:
            'plugin "too-new": needs @katamon/core ^1.0.0, but this katamon has core 0.1.0: upgrade katamon, or install a version of too-new whose coreRange includes 0.1.0',
        },
      },
      {
        name: '@acme/katamon-plugin',
        ok: false,
        error: {
          code: 'KATAMON_PLUGIN_DUPLICATE',
          message: 'plugin "@acme/katamon-plugin": a plugin of this name is already loaded',
        },
      },
      {
        name: 'junk',
        ok: false,
        error: { code: 'KATAMON_PLUGIN_SHAPE', message: 'plugin "junk": `apiVersion` must be a string' },
      },
    ]);
    expect(logged).toHaveLength(5);
    expect((await k.sample(await k.resolve('acme-1'))).sources).toEqual(['acme-pids']);
  });

  it('rejects a plugin whose source or resolver name another plugin already provides', async () => {
    const copycat: PluginManifest = { ...acmePlugin(), name: 'copycat' };
    const k = await createKatamonFromPlugins({ plugins: [acmePlugin(), copycat], scheduler: createFakeScheduler() });
    expect(k.health().plugins[1]).toEqual({
      name: 'copycat',
      ok: false,
      error: {
        code: 'KATAMON_PLUGIN_DUPLICATE',
        message: 'plugin "copycat": source "acme-pids" is already provided by plugin "@acme/katamon-plugin"',
      },
    });
    expect(k.health().sources).toEqual(['acme-pids']);
  });

  it('reports failures that happened before composition (e.g. an import) in health()', async () => {
    const error = new KatamonError('plugin', 'plugin "x": cannot be imported: nope', { code: 'KATAMON_PLUGIN_IMPORT' });
    const k = await createKatamonFromPlugins({ plugins: [], failures: [{ name: 'x', error }] });
    expect(k.health()).toEqual({
      plugins: [
        {
          name: 'x',
          ok: false,
          error: { code: 'KATAMON_PLUGIN_IMPORT', message: 'plugin "x": cannot be imported: nope' },
        },
      ],
      sources: [],
      resolvers: [],
    });
    await expect(k.resolve('abc')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('loads the built-in adapters next to a broken plugin', async () => {
    const builtins = await builtinPlugins();
    const k = await createKatamonFromPlugins({
      plugins: [...builtins, throwingFactory],
      scheduler: createFakeScheduler(),
    });
    const health = k.health();
    const failed = health.plugins.filter((p) => !p.ok).map((p) => p.name);
    expect(failed).toEqual(['throws-on-create']);
    expect(
      health.plugins
        .filter((p) => p.ok)
        .map((p) => p.name)
        .sort(),
    ).toEqual(builtins.map((b) => b.name).sort());
    await k.close();
  });
});
