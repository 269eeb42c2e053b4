import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOT_ON_THIS_HOST, PLUGIN_API_VERSION } from '@katamon/core';
import { testHostContext } from '@katamon/core-testing';
import { plugin, stateRootsOf } from './plugin.js';
import { dockerDaemonRoots } from './engines/docker-engine.js';

const ctx = testHostContext;

const factory = (kind: string) => plugin.resolvers?.find((r) => r.kind === kind);

describe('runtime-runc plugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'katamon-plugin-'));
    await mkdir(join(dir, 'runc'));
    await mkdir(join(dir, 'ctd', 'k8s.io'), { recursive: true });
    await mkdir(join(dir, 'docker', 'runtime-runc', 'moby'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is a manifest with one resolver per engine that owns state roots', () => {
    expect(plugin).toMatchObject({ name: '@katamon/runtime-runc', apiVersion: PLUGIN_API_VERSION });
    expect(plugin.resolvers?.map((r) => r.kind)).toEqual(['runc', 'containerd', 'docker']);
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('takes the plain roots given (colon-separated), else the defaults, with Podman and CRI-O as their owners', () => {
    const given = stateRootsOf(ctx({ runc: '/a:/b/::/c/' }, { givenRoots: ['runc'] }));
    expect(given.map((r) => [r.path, r.runtime])).toEqual([
      ['/a', 'runc'],
      ['/b', 'runc'],
      ['/c', 'runc'],
      ['/run/crun', 'crun'],
    ]);
    expect(given[0]?.engines?.map((e) => e.engine)).toEqual(['podman', 'cri-o', 'runc']);
    expect(stateRootsOf(ctx({})).map((r) => r.path)).toEqual(['/run/runc', '/run/crun']);
  });

  it('looks only at what the user gave when discovery is off', () => {
    const none = ctx({ runc: '/mine' }, { givenRoots: ['runc'], discover: [] });
    expect(stateRootsOf(none).map((r) => [r.path, r.engines?.map((e) => e.engine)])).toEqual([['/mine', ['runc']]]);
    expect(stateRootsOf(ctx({}, { discover: ['crun'] })).map((r) => r.path)).toEqual(['/run/crun']);
  });

  it('probes every engine it covers, saying what it found and why others are skipped', async () => {
    const c = ctx(
      {
        runc: join(dir, 'runc'),
        crun: join(dir, 'no-crun'),
        containerdRunc: join(dir, 'ctd'),
        dockerExec: join(dir, 'docker'),
        dockerData: join(dir, 'no-data'),
        dockerConfig: join(dir, 'no-daemon.json'),
        podmanStorage: join(dir, 'no-podman'),
        crioRun: join(dir, 'no-crio'),
      },
      { givenRoots: ['runc'] },
    );
    const reports = [
      ...(await factory('runc')!.probe!(c)),
      ...(await factory('containerd')!.probe!(c)),
      ...(await factory('docker')!.probe!(c)),
    ];
    expect(reports.map((r) => [r.engine, r.found])).toEqual([
      ['runc', true],
      ['crun', false],
      ['podman', false],
      ['cri-o', false],
      ['containerd', true],
      ['docker', true],
    ]);
    expect(reports.find((r) => r.engine === 'containerd')?.detail).toBe('namespaces: k8s.io');
    expect(reports.find((r) => r.engine === 'docker')?.detail).toContain('names and images unknown');
    const off = await factory('docker')!.probe!(ctx({}, { discover: [] }));
    expect(off).toEqual([{ engine: 'docker', found: false, detail: 'not discovered (--discover)', paths: [] }]);
  });

  it('finds a Docker moved by daemon.json’s exec-root and data-root, unless the user named its roots', async () => {
    const moved = join(dir, 'moved');
    await mkdir(join(moved, 'exec', 'runtime-runc', 'moby'), { recursive: true });
    await writeFile(
      join(dir, 'daemon.json'),
      JSON.stringify({ 'exec-root': join(moved, 'exec'), 'data-root': join(moved, 'data/') }),
    );
    const [report] = await factory('docker')!.probe!(ctx({ dockerConfig: join(dir, 'daemon.json') }));
    expect(report).toMatchObject({ engine: 'docker', found: true });
    expect(report?.paths.map((p) => p.path)).toEqual([
      join(moved, 'exec', 'runtime-runc', 'moby'),
      join(moved, 'data'),
    ]);
    const given = ctx(
      { dockerConfig: join(dir, 'daemon.json'), dockerExec: '/x', dockerData: '/y' },
      {
        givenRoots: ['dockerExec', 'dockerData'],
      },
    );
    expect((await factory('docker')!.probe!(given))[0]?.paths.map((p) => p.path)).toEqual([
      '/x/runtime-runc/moby',
      '/y',
    ]);
    await writeFile(join(dir, 'daemon.json'), '{"data-root": "relative", "exec-root": 7');
    expect(dockerDaemonRoots(join(dir, 'daemon.json'))).toEqual({});
    await writeFile(join(dir, 'daemon.json'), '{"data-root": "relative", "exec-root": 7}');
    expect(dockerDaemonRoots(join(dir, 'daemon.json'))).toEqual({});
    expect(dockerDaemonRoots(join(dir, 'none.json'))).toEqual({});
  });

  it('creates resolvers named after their engines, empty on an empty host, without looking at it first', async () => {
    const absent = {
      runc: '/nonexistent',
      crun: '/nonexistent',
      containerdRunc: '/nonexistent',
      dockerExec: '/nonexistent',
      dockerConfig: '/nonexistent.json',
    };
    for (const kind of ['runc', 'containerd', 'docker']) {
      const resolver = await factory(kind)!.create(ctx(absent));
      if (resolver === NOT_ON_THIS_HOST) throw new Error(`${kind} declined`);
      expect(resolver.name).toBe(kind);
      expect(await resolver.list()).toEqual([]);
    }
  });

  it('declines the engines discovery leaves out when none of their roots was given', async () => {
    const off = ctx({ runc: '/mine' }, { givenRoots: ['runc'], discover: [] });
    expect(await factory('containerd')!.create(off)).toBe(NOT_ON_THIS_HOST);
    expect(await factory('docker')!.create(off)).toBe(NOT_ON_THIS_HOST);
    expect(await factory('runc')!.create(off)).not.toBe(NOT_ON_THIS_HOST);
    expect(await factory('runc')!.create(ctx({}, { discover: [] }))).toBe(NOT_ON_THIS_HOST);
  });
});
