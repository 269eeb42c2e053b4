import { PLUGIN_API_VERSION, silentLogger, type PluginManifest, type StatsSource } from '@katamon/core';
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

  it('skips a factory whose probe finds nothing on this host, keeping its reports, and creates the others', async () => {
    const create = vi.fn(() => resolver('absent'));
    const load = await instantiatePlugin(
      manifest({
        resolvers: [
          { kind: 'absent', probe: () => [report('absent', false)], create },
          {
            kind: 'here',
            probe: async () => [report('here', true), report('other', false)],
            create: () => resolver('here'),
          },
          { kind: 'plain', create: () => resolver('plain') },
        ],
      }),
      ctx,
    );
    expect(create).not.toHaveBeenCalled();
    expect(load).toMatchObject({ ok: true, resolvers: [{ name: 'here' }, { name: 'plain' }] });
    expect(load.ok && load.probes.map((p) => [p.engine, p.found])).toEqual([
      ['absent', false],
      ['here', true],
      ['other', false],
    ]);
  });

  it('creates a factory whose probe throws or answers nonsense, and reports that', async () => {
    const load = await instantiatePlugin(
      manifest({
        resolvers: [
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
    expect(load).toMatchObject({ ok: true, resolvers: [{ name: 'boom' }, { name: 'odd' }] });
    expect(load.ok && load.probes.map((p) => p.detail)).toEqual([
      'probe of acme boom failed: EACCES',
      'probe of acme odd failed: no report',
    ]);
  });
});
