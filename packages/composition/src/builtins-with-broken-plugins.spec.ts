// The built-in adapters keep working, at run time, next to plugins that fail to load or misbehave.
import { KatamonError, PLUGIN_API_VERSION, type ContainerRef, type PluginManifest } from '@katamon/core';
import { createFakeScheduler, createTempDir, writeCgroupV2Tree, type TempDir } from '@katamon/core-testing';
import { fakeTreeArea } from '@katamon/test-fixtures';
import { builtinPlugins } from './builtin-plugins.js';
import { createKatamonFromPlugins } from './create-katamon-from-plugins.js';

const base = { apiVersion: PLUGIN_API_VERSION, coreRange: '^0.1.0' } as const;

/** Describes one container whose cgroup v2 directory is a fake tree. */
const listed = (ref: ContainerRef): PluginManifest => ({
  ...base,
  name: 'listed',
  resolvers: [
    {
      kind: 'list',
      create: () => ({
        name: 'listed',
        match: async () => [ref],
        list: async () => [ref],
        refresh: async (r: ContainerRef) => r,
      }),
    },
  ],
});
const failsToCreate: PluginManifest = {
  ...base,
  name: 'fails-to-create',
  sources: [
    {
      kind: 'x',
      create: () => {
        throw new Error('no device');
      },
    },
  ],
};
const hangs: PluginManifest = {
  ...base,
  name: 'hangs',
  sources: [
    {
      kind: 'h',
      create: () => ({
        name: 'hangs',
        probe: () => 'handle' as const,
        collect: () => new Promise<never>(() => undefined),
      }),
    },
  ],
};
const throws: PluginManifest = {
  ...base,
  name: 'throws',
  sources: [
    {
      kind: 't',
      create: () => ({
        name: 'throws',
        probe: () => 'handle' as const,
        collect: () => Promise.reject(new KatamonError('io', 'EIO')),
      }),
    },
  ],
};

let tmp: TempDir;
beforeEach(async () => {
  tmp = await createTempDir();
});
afterEach(() => tmp.cleanup());

/**
 * The built-in plugins, the cgroup-v2 one made to read the test's tree: the built-in readers accept cgroupfs
 * alone, and nothing a plugin context carries widens them (see the test after this one).
 */
async function builtinsReadingTree(): Promise<PluginManifest[]> {
  // Loaded as composition loads it (builtin-plugins.ts): on demand.
  const { cgroupV2SourceOptions, createCgroupV2Source } = await import('@katamon/cgroup-v2');
  return (await builtinPlugins()).map((p) =>
    p.name !== '@katamon/cgroup-v2'
      ? p
      : {
          ...p,
          sources: [
            {
              kind: 'cgroup-v2',
              create: (ctx) => createCgroupV2Source({ ...cgroupV2SourceOptions(ctx), areas: [fakeTreeArea(tmp.path)] }),
            },
          ],
        },
  );
}

const roots = () => ({ runc: tmp.path, crun: tmp.path, kata: tmp.path, kataShim: tmp.path, netns: tmp.path });

it('never reads a fake tree through the built-in cgroup-v2 source, even with the tree as cgroup root', async () => {
  const cgroup = await writeCgroupV2Tree(tmp.path, 'test.scope', { 'pids.current': '3\n', 'pids.max': '42\n' });
  const ref: ContainerRef = { id: 'c0ffee', runtime: 'runc', resolver: 'listed', status: 'running', cgroup };
  const k = await createKatamonFromPlugins({
    plugins: [...(await builtinPlugins()), listed(ref)],
    roots: { ...roots(), cgroup: tmp.path },
    config: {},
    scheduler: createFakeScheduler(),
  });
  const sample = await k.sample(await k.resolve('c0f'));
  expect(sample.stats.pids).toBeUndefined();
  expect(sample.issues).toContainEqual(
    expect.objectContaining({
      source: 'cgroup-v2',
      kind: 'permission-denied',
      message: expect.stringMatching(/not cgroup or cgroup2$/),
    }),
  );
  await k.close();
});

it('samples through the cgroup-v2 source while other plugins fail, hang or throw', async () => {
  const cgroup = await writeCgroupV2Tree(tmp.path, 'test.scope', {
    'pids.current': '3\n',
    'pids.max': '42\n',
    'cgroup.procs': '1\n',
  });
  const ref: ContainerRef = { id: 'c0ffee', runtime: 'runc', resolver: 'listed', status: 'running', cgroup };
  const s = createFakeScheduler();
  const k = await createKatamonFromPlugins({
    plugins: [
      ...(await builtinsReadingTree()),
      failsToCreate,
      listed(ref),
      hangs,
      throws,
      { ...throws, name: 'too-new', coreRange: '^9' },
    ],
    roots: roots(),
    config: { sourceDeadlineMs: 100 },
    scheduler: s,
  });
  expect(
    k
      .health()
      .plugins.filter((p) => !p.ok)
      .map((p) => [p.name, p.error?.code]),
  ).toEqual([
    ['fails-to-create', 'KATAMON_PLUGIN_CREATE'],
    ['too-new', 'KATAMON_PLUGIN_CORE_RANGE'],
  ]);
  const found = await k.resolve('c0f');
  const pending = k.sample(found);
  await s.advance(100);
  const sample = await pending;
  expect(sample.sources).toEqual(['cgroup-v2']);
  expect(sample.stats.pids).toEqual({ current: 3n, limit: 42n });
  expect(sample.issues.filter((i) => i.source === 'hangs' || i.source === 'throws')).toEqual([
    { source: 'hangs', kind: 'timeout', message: 'source hangs did not answer within 100 ms' },
    { source: 'throws', kind: 'io', message: 'EIO' },
  ]);
  await k.close();
});
