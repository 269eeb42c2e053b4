import {
  NOT_ON_THIS_HOST,
  PLUGIN_API_VERSION,
  silentLogger,
  type PluginManifest,
  type StatsSource,
} from '@katamon/core';
import { createFakeScheduler } from '@katamon/core-testing';
import { instantiatePlugin } from './instantiate-plugin.js';

const ctx = { config: {}, logger: silentLogger, scheduler: createFakeScheduler(), roots: {} };
const manifest = (extra: Partial<PluginManifest>): PluginManifest => ({
  name: 'acme',
  apiVersion: PLUGIN_API_VERSION,
  coreRange: '*',
  ...extra,
});

describe(instantiatePlugin, () => {
  it('fails the whole plugin when one factory throws, releasing what it already created', async () => {
    const release = vi.fn();
    const good: StatsSource = { name: 'good', probe: () => 'skip', collect: async () => ({ stats: {} }), release };
    const load = await instantiatePlugin(
      manifest({
        sources: [{ kind: 'good', create: () => good }],
        resolvers: [{ kind: 'bad', create: () => Promise.reject('disk on fire') }],
      }),
      ctx,
    );
    expect(load).toMatchObject({
      ok: false,
      failure: {
        name: 'acme',
        error: { code: 'KATAMON_PLUGIN_CREATE', message: 'plugin "acme": factory "bad" failed: disk on fire' },
      },
    });
    expect(release).toHaveBeenCalledTimes(1);
  });

  it.each<[unknown, string]>([
    [null, 'create() did not return an object'],
    [{ name: '', probe: () => 'skip', collect: () => 1 }, '`name` must be a non-empty string'],
    [{ name: 's', collect: () => 1 }, '`probe` must be a function'],
    [{ name: 's', probe: () => 'skip', collect: () => 1, collectSync: {} }, '`collectSync` must be a function'],
    [{ name: 's', probe: () => 'skip', collect: () => 1, watchOom: 3 }, '`watchOom` must be a function'],
  ])('rejects a created source of the wrong shape with KATAMON_PLUGIN_SHAPE (%#)', async (created, detail) => {
    const load = await instantiatePlugin(manifest({ sources: [{ kind: 'k', create: () => created as never }] }), ctx);
    expect(load).toMatchObject({
      ok: false,
      failure: { error: { code: 'KATAMON_PLUGIN_SHAPE', message: `plugin "acme": source "k": ${detail}` } },
    });
  });

  it('rejects a created resolver of the wrong shape', async () => {
    const load = await instantiatePlugin(
      manifest({ resolvers: [{ kind: 'r', create: () => ({ name: 'r', match: () => [], list: () => [] }) as never }] }),
      ctx,
    );
    expect(load).toMatchObject({
      ok: false,
      failure: {
        error: { code: 'KATAMON_PLUGIN_SHAPE', message: 'plugin "acme": resolver "r": `refresh` must be a function' },
      },
    });
  });

  const resolver = (name: string) => ({
    name,
    match: async () => [],
    list: async () => [],
    refresh: async () => undefined,
  });
  const report = (engine: string, found: boolean) => ({ engine, found, detail: `${engine} ${found}`, paths: [] });

  it('leaves out a factory that says it is not on this host, without failing the plugin', async () => {
    const load = await instantiatePlugin(
      manifest({
        resolvers: [
          { kind: 'absent', create: () => NOT_ON_THIS_HOST },
          { kind: 'here', create: async () => resolver('here') },
        ],
      }),
      ctx,
    );
    expect(load).toMatchObject({ ok: true, resolvers: [{ name: 'here' }] });
  });

  it('asks the host probes only when asked, reporting a probe that throws or answers nonsense', async () => {
    const probe = vi.fn(() => [report('here', true), report('other', false)]);
    const load = await instantiatePlugin(
      manifest({
        resolvers: [
          { kind: 'here', probe, create: () => resolver('here') },
          {
            kind: 'boom',
            probe: () => {
              throw new Error('EACCES');
            },
            create: () => resolver('boom'),
          },
          { kind: 'odd', probe: () => [{ engine: 1 }] as never, create: () => resolver('odd') },
        ],
      }),
      ctx,
    );
    expect(probe).not.toHaveBeenCalled();
    if (!load.ok) throw new Error('expected the plugin to load');
    expect((await load.probeHost()).map((r) => [r.engine, r.found, r.detail])).toEqual([
      ['here', true, 'here true'],
      ['other', false, 'other false'],
      ['boom', false, 'probe of acme boom failed: EACCES'],
      ['odd', false, 'probe of acme odd failed: no report'],
    ]);
  });
});
